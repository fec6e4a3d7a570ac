package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"exchange/diagnose/verdict"
	"exchange/profile"
)

// connectionTest is the Test connection dialog: the verdict first, in bold,
// with what to do about it as buttons, then a checklist of the steps, each
// with its state and time, and the certificate's fingerprint to select.
type connectionTest struct {
	s *settingsView
	p profile.Profile

	icon        *widget.Icon
	verdict     *widget.Label
	advice      *widget.Label
	certificate *widget.Label
	actions     *fyne.Container
	steps       *fyne.Container
	dialog      dialog.Dialog

	// done are the steps ended so far, res the result once there is one
	// (UI goroutine only).
	done []verdict.Step
	res  *verdict.Result
}

// onTest runs the diagnosis of the profile in the form and shows each step
// as it ends, then the verdict.
func (s *settingsView) onTest() {
	p, err := s.fromForm()
	if err != nil {
		dialog.ShowError(err, s.w.win)
		return
	}
	if s.w.deps.Diagnose == nil {
		return
	}
	t := newConnectionTest(s, p)
	t.dialog.Show()
	ctx, cancel := context.WithCancel(context.Background())
	t.dialog.SetOnClosed(cancel)
	password := s.password.Text
	go func() {
		if password == "" {
			// Never a login with an empty password nobody gave: ask for it.
			pw, err := s.w.asker.Password(ctx, p)
			if err != nil {
				onUI(func() { t.finish(verdict.Result{Verdict: fmt.Sprintf(lang.L("Not tested: %s"), err)}) })
				return
			}
			password = pw
		}
		res := s.w.deps.Diagnose(ctx, p, password, func(st verdict.Step) { onUI(func() { t.addStep(st) }) })
		onUI(func() { t.finish(res) })
	}()
}

func newConnectionTest(s *settingsView, p profile.Profile) *connectionTest {
	t := &connectionTest{s: s, p: p, icon: widget.NewIcon(theme.SearchIcon())}
	t.verdict = widget.NewLabelWithStyle(fmt.Sprintf(lang.L("Testing %s…"), p.Host), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.verdict.Wrapping = fyne.TextWrapWord
	t.verdict.Selectable = true
	t.advice = widget.NewLabel("")
	t.advice.Wrapping = fyne.TextWrapWord
	t.advice.Selectable = true
	t.advice.Hide()
	t.certificate = widget.NewLabel("")
	t.certificate.Wrapping = fyne.TextWrapWord
	t.certificate.Selectable = true
	t.certificate.Hide()
	t.actions = container.NewHBox()
	t.steps = container.NewVBox()
	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewCenter(t.icon), nil, t.verdict),
		t.advice, t.certificate, t.actions, widget.NewSeparator())
	scroll := container.NewVScroll(t.steps)
	body := container.NewBorder(top, nil, nil, nil, scroll)
	t.dialog = dialog.NewCustom(fmt.Sprintf(lang.L("Test connection: %s"), p.Name), lang.L("Close"), body, s.w.win)
	t.dialog.Resize(fyne.NewSize(720, 540))
	return t
}

// stepIcon shows a step's state: done, failed, or not tried.
func stepIcon(st verdict.Status) fyne.Resource {
	switch st {
	case verdict.OK:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case verdict.Failed:
		return theme.NewErrorThemedResource(theme.CancelIcon())
	}
	return theme.NewDisabledResource(theme.MediaSkipNextIcon())
}

// stepWord says a step's state in a word, for the report.
func stepWord(st verdict.Status) string {
	switch st {
	case verdict.OK:
		return "OK"
	case verdict.Failed:
		return "FAILED"
	}
	return "not tried"
}

// stepTime is a step's duration, short: "12 ms", "1.4 s".
func stepTime(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// addStep adds a step to the checklist as it ends.
func (t *connectionTest) addStep(st verdict.Step) {
	t.done = append(t.done, st)
	name := widget.NewLabelWithStyle(stepName(st.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	detail := widget.NewLabel(stepDetail(st.Detail))
	detail.Wrapping = fyne.TextWrapWord
	detail.Selectable = true
	detail.SizeName = theme.SizeNameCaptionText
	took := widget.NewLabel("")
	if st.Status != verdict.Skipped {
		took.SetText(stepTime(st.Duration))
	}
	t.steps.Add(container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(stepIcon(st.Status))), took,
		container.NewVBox(name, detail)))
}

// finish shows the verdict, the advice, the certificate and the actions
// the verdict calls for.
func (t *connectionTest) finish(res verdict.Result) {
	t.res = &res
	if len(t.done) == 0 {
		for _, st := range res.Steps {
			t.addStep(st)
		}
	}
	ok := res.Recommended != ""
	for _, st := range res.Steps {
		if st.Status == verdict.Failed {
			ok = false
		}
	}
	if ok {
		t.icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	} else {
		t.icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
	}
	t.verdict.SetText(res.Verdict)
	t.advice.SetText(res.Advice)
	showIf(t.advice, res.Advice != "")
	if c := res.Certificate; c != nil {
		t.certificate.SetText(fmt.Sprintf(lang.L("Certificate: %s, issued by %s, valid until %s.")+"\n"+lang.L("SHA-256 fingerprint: %s"),
			c.Subject, c.Issuer, c.NotAfter.Format("2006-01-02"), c.SHA256))
		t.certificate.Show()
	}
	t.actions.RemoveAll()
	if fp := res.UntrustedCertificate; fp != "" && !strings.EqualFold(t.p.PinnedSHA256, fp) { // diagnose stopped at a certificate this computer does not trust
		trust := widget.NewButtonWithIcon(lang.L("Trust this certificate"), theme.ConfirmIcon(), t.trust)
		trust.Importance = widget.HighImportance
		t.actions.Add(trust)
	}
	if fp := res.UntrustedHostKey; fp != "" && t.p.PinnedSHA256 != fp { // the SFTP test stopped at a host key not pinned yet
		trust := widget.NewButtonWithIcon(lang.L("Trust this host key"), theme.ConfirmIcon(), t.trustHostKey)
		trust.Importance = widget.HighImportance
		t.actions.Add(trust)
	}
	if res.Recommended == "active" && t.p.WithDefaults().Mode != "active" {
		sw := widget.NewButtonWithIcon(lang.L("Switch to active mode"), theme.ConfirmIcon(), t.switchToActive)
		sw.Importance = widget.HighImportance
		t.actions.Add(sw)
	}
	if res.SSHOffered && !t.p.IsSFTP() { // the FTP data connections failed and SSH answers (diagnose/sftp.go)
		t.actions.Add(widget.NewButtonWithIcon(lang.L("Use SFTP instead"), theme.ConfirmIcon(), t.switchToSFTP))
	}
	t.actions.Add(widget.NewButtonWithIcon(lang.L("Copy report"), theme.ContentCopyIcon(), func() {
		t.s.w.app.Clipboard().SetContent(t.report())
	}))
}

// trust pins the certificate diagnose stopped at.
func (t *connectionTest) trust() { t.pinFingerprint(t.res.UntrustedCertificate, false) }

// trustHostKey pins the SFTP server's host key (in the same field).
func (t *connectionTest) trustHostKey() { t.pinFingerprint(t.res.UntrustedHostKey, true) }

// pinFingerprint pins fp, the fingerprint of the server's certificate or,
// with hostKey, its SSH host key: in the profile saved, when it is one the
// clerk may edit, and in the form.
func (t *connectionTest) pinFingerprint(fp string, hostKey bool) {
	t.p.PinnedSHA256 = fp
	if t.saved() {
		t.s.w.asker.pin(t.p, fp)
		if fresh, err := t.s.w.deps.Profiles.Get(t.p.Name); err == nil {
			t.s.load(fresh)
		}
		if hostKey {
			t.s.note.SetText(fmt.Sprintf(lang.L("%q now trusts this host key, and only this one. Test again to check the rest."), t.p.Name))
		} else {
			t.s.note.SetText(fmt.Sprintf(lang.L("%q now trusts this certificate, and only this one. Test again to check the rest."), t.p.Name))
		}
	} else {
		t.s.fingerprint.SetText(fp)
		if hostKey {
			t.s.note.SetText(lang.L("The host key's fingerprint is in the form: Save to keep it."))
		} else {
			t.s.note.SetText(lang.L("The certificate's fingerprint is in the form: Save to keep it."))
		}
	}
	if hostKey {
		t.actionDone(lang.L("Trusted: Exchange will accept this host key, and only this one, for this server."))
	} else {
		t.actionDone(lang.L("Trusted: Exchange will accept this certificate, and only this one, for this server."))
	}
}

// switchToActive sets the profile to active mode.
func (t *connectionTest) switchToActive() {
	saved := t.saved()
	t.s.mode.setValue("active")
	if saved {
		t.s.onSave()
		t.s.note.SetText(fmt.Sprintf(lang.L("%q now uses active mode."), t.p.Name))
	} else {
		t.s.note.SetText(lang.L("Active mode is set in the form: Save to keep it."))
	}
	t.actionDone(lang.L("Switched to active mode."))
}

// switchToSFTP chooses SFTP in the form: the port, login and host key are
// the clerk's to check before Save, so nothing is saved here.
func (t *connectionTest) switchToSFTP() {
	t.s.proto.protocol.SetSelected(protoSFTP)
	t.s.port.SetText("")
	t.s.note.SetText(lang.L("SFTP is chosen in the form (port 22): check the user and password for SFTP, then Test connection again and Save."))
	t.actionDone(lang.L("SFTP chosen: it needs no data connections, so the firewall problem does not apply."))
}

// saved says the profile tested is one in the store that the clerk may
// change, and the form still shows it with no change of the clerk's (an
// action then saves at once; otherwise it goes into the form, to be saved
// with the rest).
func (t *connectionTest) saved() bool {
	if t.p.BuiltIn || t.p.ReadOnly || t.s.w.deps.Profiles == nil || !strings.EqualFold(t.s.editing.Name, t.p.Name) || !t.s.untouched() {
		return false
	}
	_, err := t.s.w.deps.Profiles.Get(t.p.Name)
	return err == nil
}

// actionDone replaces the actions by what was done, and Copy report.
func (t *connectionTest) actionDone(what string) {
	t.actions.RemoveAll()
	t.actions.Add(widget.NewLabel(what))
	t.actions.Add(widget.NewButtonWithIcon(lang.L("Copy report"), theme.ContentCopyIcon(), func() {
		t.s.w.app.Clipboard().SetContent(t.report())
	}))
}

// report is the whole test in plain text, for the administrator: in
// English whatever the window's language, like the steps and verdicts
// that package diagnose writes.
func (t *connectionTest) report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Exchange connection test: %s (%s, port %d, user %s)\n", t.p.Name, t.p.Host, t.p.WithDefaults().Port, t.p.User)
	if t.res != nil {
		fmt.Fprintf(&b, "Verdict: %s\n", t.res.Verdict)
		if t.res.Advice != "" {
			fmt.Fprintf(&b, "Advice: %s\n", t.res.Advice)
		}
		if c := t.res.Certificate; c != nil {
			fmt.Fprintf(&b, "Certificate: %s, issued by %s, SHA-256 %s\n", c.Subject, c.Issuer, c.SHA256)
		}
	}
	for _, st := range t.done {
		fmt.Fprintf(&b, "%-9s %-8s %s: %s\n", stepWord(st.Status), stepTime(st.Duration), st.Name, st.Detail)
	}
	return b.String()
}

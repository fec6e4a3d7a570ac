package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"exchange/uploader"
	"exchange/uploader/ftpclient"
	"exchange/uploader/profile"
	"exchange/validate"
)

// showDetails shows the validation findings of a file, with where each is.
func (w *Window) showDetails(id uploader.ItemID) {
	var r row
	for i := 0; i < w.model.Len(); i++ {
		if x, _ := w.model.At(i); x.ID == id {
			r = x
		}
	}
	if r.Report == nil {
		return
	}
	dialog.ShowCustom(r.Name+": "+r.VerdictText(), "Close", findingsView(r.Report), w.win)
}

// findingsView lists findings: severity, where, and the sentence.
func findingsView(rep *validate.Report) fyne.CanvasObject {
	var b strings.Builder
	if rep.Valid {
		b.WriteString("This file is well formed")
		if n := len(rep.Warnings()); n > 0 {
			fmt.Fprintf(&b, "; %d %s to look at (it will still be sent)", n, plural(n, "remark", "remarks"))
		}
		b.WriteString(".\n\n")
	} else {
		b.WriteString("This file was NOT sent. Fix the problems below (or ask for a new copy of the file), then add it again.\n\n")
	}
	for _, f := range rep.Findings {
		fmt.Fprintf(&b, "%s — %s\n    %s\n\n", strings.ToUpper(string(f.Severity)), where(f), f.Text)
	}
	if rep.Checked != "" {
		fmt.Fprintf(&b, "Checked: %s\n", rep.Checked)
	}
	label := widget.NewLabel(b.String())
	label.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(label)
	scroll.SetMinSize(fyne.NewSize(640, 360))
	return scroll
}

// where says where a finding is, and its rule.
func where(f validate.Finding) string {
	if p := f.Place(); p != "" {
		return p + ", " + f.Rule
	}
	return f.Rule
}

// askPassword asks for a profile's password and offers to remember it. The
// password field has the focus, and Enter connects: the password can be typed
// without touching the mouse.
func (w *Window) askPassword(p profile.Profile, done func(password string, ok bool)) {
	entry := widget.NewPasswordEntry()
	remember := widget.NewCheck("Remember in the system keychain", nil)
	remember.SetChecked(true)
	items := []*widget.FormItem{widget.NewFormItem("Password", entry), widget.NewFormItem("", remember)}
	d := dialog.NewForm(fmt.Sprintf("Password for %s@%s", p.User, p.Host), "Connect", "Cancel", items, func(ok bool) {
		// Hiding the dialog does not take the focus away: the field's blinking
		// cursor would go on redrawing the window for ever.
		entry.FocusLost()
		if !ok {
			done("", false)
			return
		}
		if remember.Checked {
			if err := w.deps.Profiles.SetPassword(p, entry.Text); err != nil {
				dialog.ShowInformation("Password not remembered", err.Error(), w.win)
			}
		}
		done(entry.Text, true)
	}, w.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Show()
	w.win.Canvas().Focus(entry)
}

// confirmCertificate asks whether to trust an unknown certificate. It is
// called on an upload goroutine and waits for the answer, or for ctx (the
// attempt) to end.
func (w *Window) confirmCertificate(ctx context.Context, info ftpclient.CertInfo) bool {
	ok := ask(ctx, func(answer func(bool)) dialog.Dialog {
		text := widget.NewLabel(fmt.Sprintf("The server's certificate is not trusted by this computer (%s).\n\n"+
			"Subject: %s\nIssued by: %s\nValid until: %s\n\nSHA-256 fingerprint:\n%s\n\n"+
			"Trust it only if this fingerprint is exactly the one your administrator gave you. "+
			"Exchange will then remember it and refuse any other certificate for this server.",
			info.Reason, info.Subject, info.Issuer, info.NotAfter.Format("2006-01-02"), info.SHA256))
		text.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustomConfirm("Trust this server?", "Trust this certificate", "Do not connect", text, answer, w.win)
		d.Resize(fyne.NewSize(620, 380))
		return d
	})
	if ok {
		w.pinCertificate(info.SHA256)
	}
	return ok
}

// pinCertificate saves the accepted fingerprint in the current profile.
func (w *Window) pinCertificate(fp string) {
	w.mu.Lock()
	p := w.current
	p.PinnedSHA256 = fp
	w.current = p
	pw := w.password
	w.mu.Unlock()
	w.bk.SetProfile(p, pw)
	onUI(func() { w.showTLS(p) })
	if !p.BuiltIn && !p.ReadOnly && w.deps.Profiles != nil {
		if err := w.deps.Profiles.Save(p); err != nil {
			w.deps.Log.Add("save pinned certificate: " + err.Error())
		}
	}
}

// decideDuplicate asks whether to send content that was already sent. When
// ctx ends first (the app is quitting), the question goes away unanswered.
func (w *Window) decideDuplicate(ctx context.Context, d uploader.Duplicate) bool {
	return ask(ctx, func(answer func(bool)) dialog.Dialog {
		return dialog.NewConfirm("Already sent",
			fmt.Sprintf("The same content as %s was already sent to %q on %s (as %s).\n\nSend it again?",
				d.Path, d.Profile, d.SentAt.Local().Format("Monday 2 January 2006 at 15:04"), d.RemotePath),
			answer, w.win)
	})
}

// ask shows the dialog that build makes (on the UI goroutine) and waits for
// its answer, or for ctx to end: then the dialog closes and the answer is no.
// Without this, an open question would keep the service's goroutine, and so
// the app's exit, waiting for ever.
func ask(ctx context.Context, build func(answer func(bool)) dialog.Dialog) bool {
	answer := make(chan bool, 1)
	var shown dialog.Dialog // UI goroutine only
	onUI(func() {
		shown = build(func(ok bool) {
			// Hiding a dialog calls this again (even one already answered,
			// when ctx ended at the same moment): only the first answer counts,
			// and the UI goroutine must never block here.
			select {
			case answer <- ok:
			default:
			}
		})
		shown.Show()
	})
	select {
	case ok := <-answer:
		return ok
	case <-ctx.Done():
		onUI(func() { shown.Hide() }) // runs after the show: onUI keeps the order
		return false
	}
}

package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/profile"
	"exchange/transport"
	"exchange/uploader"
	"exchange/validate"
)

// findingsText is the text an expanded row shows for rep.
func findingsText(t *testing.T, rep *validate.Report) string {
	t.Helper()
	return findingsReport(rep)
}

func TestFindingsSayWhereAndWhat(t *testing.T) {
	test.NewTempApp(t)
	al3 := validate.Finding{Rule: "al3/truncated", Severity: validate.SeverityError, Offset: 7000, Line: 41, Group: "6CVH", Message: 1, Transaction: 2,
		Text: "The file ends in the middle of group 6CVH."}
	cell := validate.Finding{Rule: "xlsx/formula-error", Severity: validate.SeverityWarning, Offset: -1, Sheet: "Policies", Cell: "C12",
		Text: "The cell shows #REF! instead of a value."}
	nowhere := validate.Finding{Rule: "al3/trailer-count", Severity: validate.SeverityWarning, Offset: -1, Text: "The trailer counts other messages."}
	rep := &validate.Report{Kind: validate.KindAL3, Findings: []validate.Finding{al3, cell, nowhere}, Checked: "AL3 groups and trailer"}

	text := findingsText(t, rep)
	for _, want := range []string{
		fmt.Sprintf("byte %d", al3.Offset), fmt.Sprintf("line %d", al3.Line), "group " + al3.Group,
		cell.Sheet + "!" + cell.Cell,
		rep.Checked,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the findings lack %q:\n%s", want, text)
		}
	}
	for _, f := range rep.Findings {
		// Each finding is one entry: severity, place and rule, then the sentence.
		head := strings.ToUpper(string(f.Severity)) + " — " + where(f)
		if !strings.Contains(text, head+"\n    "+f.Text) {
			t.Errorf("the findings lack %q followed by %q:\n%s", head, f.Text, text)
		}
	}
	if strings.Contains(text, "byte -1") {
		t.Errorf("a finding with no place shows a byte offset:\n%s", text)
	}
	if !strings.Contains(text, "NOT sent") {
		t.Errorf("an invalid file's findings do not say it was not sent:\n%s", text)
	}

	valid := &validate.Report{Kind: validate.KindXLSX, Valid: true, Findings: []validate.Finding{cell}}
	if text := findingsText(t, valid); !strings.Contains(text, "well formed") || !strings.Contains(text, "1 remark") || strings.Contains(text, "NOT sent") {
		t.Errorf("a valid file with one warning says:\n%s", text)
	}
}

// TestFindingsOfARealFile: every finding of a cut AL3 file, as the
// validator reports it, appears with its place.
func TestFindingsOfARealFile(t *testing.T) {
	test.NewTempApp(t)
	whole := validAL3(t)
	rep, err := validate.File(writeFile(t, "cut.al3", whole[:len(whole)*2/3]), validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Valid || len(rep.Findings) == 0 {
		t.Fatalf("a cut AL3 file is valid: %+v", rep)
	}
	text := findingsText(t, rep)
	placed := 0
	for _, f := range rep.Findings {
		if f.Place() != "" {
			placed++
		}
		if !strings.Contains(text, where(f)) || !strings.Contains(text, f.Text) {
			t.Errorf("the findings lack %q at %q:\n%s", f.Text, where(f), text)
		}
	}
	if placed == 0 {
		t.Errorf("no finding of the cut file says where it is: %+v", rep.Findings)
	}
}

// askCertificate runs confirmCertificate as an upload goroutine does, taps
// the button labelled answer, and returns what the window answered.
func (h *harness) askCertificate(info transport.CertInfo, answer string) bool {
	h.t.Helper()
	got := make(chan bool, 1)
	go func() { got <- h.win.asker.ConfirmCertificate(context.Background(), h.win.CurrentProfile(), info) }()
	d := h.waitDialog(info.SHA256)
	var text string
	onUIWait(func() { text = uitest.TextOf(d) })
	for _, want := range []string{info.Subject, info.Issuer, info.Reason, info.NotAfter.Format("2006-01-02")} {
		if !strings.Contains(text, want) {
			h.t.Errorf("the certificate dialog lacks %q:\n%s", want, text)
		}
	}
	h.tapButton(d, answer)
	select {
	case ok := <-got:
		return ok
	case <-time.After(10 * time.Second):
		h.t.Fatal("confirmCertificate did not return after the answer")
	}
	return false
}

// TestOpenQuestionsGoAwayWhenTheirContextEnds: a certificate or duplicate
// question whose upload stops (the app quitting) answers no and closes, so
// that nothing waits for ever on a dialog nobody will answer.
func TestOpenQuestionsGoAwayWhenTheirContextEnds(t *testing.T) {
	h := newHarness(t, withKeychain())
	h.useAgency()
	info := testCert()
	dup := uploader.Duplicate{Path: "/home/clerk/policy.al3", Profile: "Agency", SentAt: time.Now(), RemotePath: "/incoming/policy.al3"}
	for _, q := range []struct {
		name, says string
		ask        func(context.Context) bool
	}{
		{"certificate", info.SHA256, func(ctx context.Context) bool {
			return h.win.asker.ConfirmCertificate(ctx, h.win.CurrentProfile(), info)
		}},
		{"duplicate", "Send it again?", func(ctx context.Context) bool { return h.win.asker.DecideDuplicate(ctx, dup) }},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		got := make(chan bool, 1)
		go func() { got <- q.ask(ctx) }()
		h.waitDialog(q.says)
		cancel()
		select {
		case ok := <-got:
			if ok {
				t.Errorf("%s: an unanswered question answered yes", q.name)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the question still waits after its context ended", q.name)
		}
		h.waitUI("the "+q.name+" dialog to close", func() bool {
			d := h.dialog()
			return d == nil || !d.Visible() || !strings.Contains(uitest.TextOf(d), q.says)
		})
	}
	if got := h.win.CurrentProfile().PinnedSHA256; got != "" {
		t.Errorf("an unanswered certificate was pinned: %q", got)
	}
}

func testCert() transport.CertInfo {
	return transport.CertInfo{Subject: "CN=ftp.agency.example", Issuer: "CN=ftp.agency.example", NotAfter: time.Now().AddDate(1, 0, 0),
		SHA256: transport.Fingerprint([]byte("a self-signed certificate")), Reason: "x509: certificate signed by unknown authority"}
}

func TestCertificateTrustedBecomesAPin(t *testing.T) {
	h := newHarness(t, withKeychain())
	p := h.useAgency()
	info := testCert()
	if !h.askCertificate(info, "Trust this certificate") {
		t.Fatal("Trust answered no")
	}
	if got := h.win.CurrentProfile().PinnedSHA256; got != info.SHA256 {
		t.Errorf("the window's profile pins %q, want %q", got, info.SHA256)
	}
	saved, err := h.store.Get(p.Name)
	if err != nil || saved.PinnedSHA256 != info.SHA256 {
		t.Errorf("the saved profile pins %q (%v), want %q", saved.PinnedSHA256, err, info.SHA256)
	}
	if pw, err := h.store.Password(saved); err != nil || pw != "pw" {
		t.Errorf("pinning lost the password: %q, %v", pw, err)
	}
	h.waitUI("the top bar to say the certificate is pinned", func() bool {
		return strings.Contains(h.win.tlsLabel.Text, "pinned")
	})
}

func TestCertificateRefusedIsNotPinned(t *testing.T) {
	h := newHarness(t, withKeychain())
	p := h.useAgency()
	if h.askCertificate(testCert(), "Do not connect") {
		t.Fatal("Do not connect answered yes")
	}
	if got := h.win.CurrentProfile().PinnedSHA256; got != "" {
		t.Errorf("a refused certificate was pinned in the window: %q", got)
	}
	if saved, _ := h.store.Get(p.Name); saved.PinnedSHA256 != "" {
		t.Errorf("a refused certificate was saved: %q", saved.PinnedSHA256)
	}
}

// TestAskPasswordRemembersIt: choosing a profile without a remembered
// password asks for it; the answer goes to the keychain and the window uses it.
func TestAskPasswordRemembersIt(t *testing.T) {
	h := newHarness(t, withKeychain())
	p := agencyProfile("Agency")
	d := h.chooseUnrememberedProfile(p)
	// While the prompt is open the window already goes to p, so that the
	// banner and the toolbar describe the server the selector shows (clerk
	// bug 4), but with no password: nothing logs in until one is given.
	h.win.mu.Lock()
	cur, pw := h.win.current.Name, h.win.password
	h.win.mu.Unlock()
	if cur != p.Name || pw != "" {
		t.Fatalf("with the prompt open the window uses %q with a password of %d characters, want %q and none", cur, len(pw), p.Name)
	}
	const typed = "typed-in-the-dialog"
	onUIWait(func() {
		entries := uitest.FindAll(d, func(e *widget.Entry) bool { return e.Password })
		if len(entries) != 1 {
			t.Fatalf("%d password fields in the dialog", len(entries))
		}
		test.Type(entries[0], typed)
	})
	h.tapButton(d, "Connect")
	if pw, err := h.store.Password(p); err != nil || pw != typed {
		t.Errorf("keychain has %q (%v), want the password typed", pw, err)
	}
	h.waitFor("the window to send to "+p.Name+" after Connect", func() bool { return h.win.CurrentProfile().Name == p.Name })
	assertNoFileHas(t, h.state, typed)
}

// chooseUnrememberedProfile saves p (no password remembered), chooses it in
// the selector and returns the password prompt that opens.
func (h *harness) chooseUnrememberedProfile(p profile.Profile) fyne.CanvasObject {
	h.t.Helper()
	if err := h.store.Save(p); err != nil {
		h.t.Fatal(err)
	}
	onUIWait(func() {
		h.win.reloadProfiles()
		h.win.profiles.SetSelected(p.Name)
	})
	return h.waitDialog(fmt.Sprintf("Password for %s@%s", p.User, p.Host))
}

// TestAskPasswordTakesTheKeyboard: the password field has the focus when the
// dialog opens, and Enter in it connects, as in any login prompt.
func TestAskPasswordTakesTheKeyboard(t *testing.T) {
	h := newHarness(t, withKeychain())
	p := agencyProfile("Agency")
	d := h.chooseUnrememberedProfile(p)
	const typed = "typed-then-enter"
	onUIWait(func() {
		focused, ok := h.win.win.Canvas().Focused().(*widget.Entry)
		if !ok || !focused.Password || !slices.Contains(uitest.FindAll(d, func(e *widget.Entry) bool { return e.Password }), focused) {
			t.Fatalf("the focus is on %T, not on the dialog's password field", h.win.win.Canvas().Focused())
		}
		test.Type(focused, typed)
		focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	h.waitFor("the profile in use after Enter", func() bool { return h.win.CurrentProfile().Name == p.Name })
	if pw, err := h.store.Password(p); err != nil || pw != typed {
		t.Errorf("keychain has %q (%v), want the password typed", pw, err)
	}
}

// TestOnePasswordPromptAtStart: a machine-wide default profile without a
// remembered password is asked for once when the window opens, not once per
// time the selector is set.
func TestOnePasswordPromptAtStart(t *testing.T) {
	p := agencyProfile("Agency server")
	h := newHarness(t, withKeychain(), withMachineProfiles(p))
	title := fmt.Sprintf("Password for %s@%s", p.User, p.Host)
	h.waitDialog(title)
	prompts := func() (n int) {
		onUIWait(func() {
			for _, o := range h.win.win.Canvas().Overlays().List() {
				if strings.Contains(uitest.TextOf(o), title) {
					n++
				}
			}
		})
		return n
	}
	if n := prompts(); n != 1 {
		t.Fatalf("%d password prompts at start, want 1", n)
	}
	onUIWait(func() { h.win.profiles.SetSelected(p.Name) }) // chosen again while its prompt is open
	if n := prompts(); n != 1 {
		t.Fatalf("%d password prompts after choosing the profile again, want 1", n)
	}
}

// TestCanceledPasswordKeepsTheProfileInUse: Cancel in the password prompt
// leaves the window on the profile it was using, and the selector says so.
func TestCanceledPasswordKeepsTheProfileInUse(t *testing.T) {
	h := newHarness(t, withKeychain())
	before := h.win.CurrentProfile().Name
	p := agencyProfile("Agency")
	d := h.chooseUnrememberedProfile(p)
	h.tapButton(d, "Cancel")
	// The answer reaches the window through the UI goroutine: wait for the
	// selector to settle back.
	var selected string
	h.waitUI("the selector to show "+before, func() bool { selected = h.win.profiles.Selected; return selected == before })
	if got := h.win.CurrentProfile().Name; got != before || selected != before {
		t.Errorf("after Cancel the window uses %q and its selector shows %q, want %q for both", got, selected, before)
	}
}

// TestDuplicateIsSentOnlyWhenConfirmed sends a file, then the same content
// twice more: No skips it, Yes sends it again beside the first copy.
func TestDuplicateIsSentOnlyWhenConfirmed(t *testing.T) {
	h := newHarness(t, withDuplicateDialog())
	path := writeFile(t, "policy.al3", validAL3(t))
	h.win.AddPaths([]string{path})
	h.waitFor("the first copy", func() bool { return h.rowState("policy.al3") == uploader.EventDone })
	first, _ := h.row("policy.al3")

	for _, answer := range []string{"No", "Yes"} {
		before := len(h.items(path))
		h.win.AddPaths([]string{path})
		d := h.waitDialog("Already sent")
		var text string
		onUIWait(func() { text = uitest.TextOf(d) })
		if !strings.Contains(text, path) || !strings.Contains(text, first.RemotePath) {
			t.Errorf("the question does not name the file and where it went:\n%s", text)
		}
		h.tapButton(d, answer)
		want := uploader.EventSkipped
		if answer == "Yes" {
			want = uploader.EventDone
		}
		h.waitFor("the answer "+answer+" to be followed", func() bool {
			its := h.items(path)
			return len(its) == before+1 && its[len(its)-1].State == want
		})
	}
	entries, err := os.ReadDir(h.inbox)
	if err != nil {
		t.Fatal(err)
	}
	copies := 0
	for _, e := range entries {
		if raw, err := os.ReadFile(filepath.Join(h.inbox, e.Name())); err == nil && string(raw) == string(validAL3(t)) {
			copies++
		}
	}
	if copies != 2 {
		t.Errorf("%d copies on the server, want 2 (the first and the one confirmed)", copies)
	}
}

// TestShowDetailsWithoutReportOpensNothing: a row not yet checked has no findings.
func TestShowDetailsWithoutReportOpensNothing(t *testing.T) {
	h := newHarness(t)
	h.win.onEvent(uploader.Event{Kind: uploader.EventQueued, Item: "x", Path: "/tmp/x.al3"})
	onUIWait(func() {
		h.win.showDetails("x")
		if d := h.dialog(); d != nil {
			t.Errorf("a dialog opened for a file not checked yet:\n%s", uitest.TextOf(d))
		}
	})
}

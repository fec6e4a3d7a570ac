package desktop

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/localserver"
	"exchange/transport"
	"exchange/ui"
	"exchange/uploader"
)

// TestJourneyTwoConnectionsOneTrustQuestion is issue 14 item 4: with two
// connections, a new certificate is asked about once, and both connections
// take the one answer.
func TestJourneyTwoConnectionsOneTrustQuestion(t *testing.T) {
	j := newJourney(t, newMemKeychain())
	p, srv := j.agency(localserver.TLSExplicit, 2)
	j.rememberPassword(p)
	j.open()
	j.choose(p.Name)

	dir := t.TempDir()
	var files []string
	for i := range 4 {
		files = append(files, writeAL3(t, dir, fmt.Sprintf("policy-%d.al3", i)))
	}
	j.drop(files...)
	// Both connections are on their way before the clerk answers.
	j.waitFor("two connections", func() bool {
		j.mu.Lock()
		defer j.mu.Unlock()
		return len(j.dials) >= 2
	})
	j.answer("Trust this server?", "Trust this certificate")
	for _, f := range files {
		j.waitState(f, uploader.EventDone)
	}
	if j.dialogShown("Trust this server?") {
		t.Fatal("a second trust question is on screen after the first was answered")
	}
	pinned, err := j.d.Parts.Profiles.Get(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if normalize(pinned.PinnedSHA256) != normalize(srv.Fingerprint()) {
		t.Fatalf("the profile pins %q, want the server's %q", pinned.PinnedSHA256, srv.Fingerprint())
	}
}

// TestJourneyTrustedCertificateSurvivesAnUntouchedSave is issue 14 item 3:
// the Settings form, opened before a certificate was trusted and the mode
// chosen in the toolbar, is saved untouched: the pin and the mode stay, and
// the next upload asks nothing.
func TestJourneyTrustedCertificateSurvivesAnUntouchedSave(t *testing.T) {
	j := newJourney(t, newMemKeychain())
	p, _ := j.agency(localserver.TLSExplicit, 1)
	j.rememberPassword(p)
	j.open()
	j.choose(p.Name)

	// The clerk looks at the server in Settings, then goes back to the queue.
	j.tab("Settings")
	j.editInSettings(p.Name)
	j.tab("Queue")

	ui.DoAndWait(func() {
		for _, r := range uitest.FindAll[*widget.RadioGroup](j.win().Content(), nil) {
			r.SetSelected("Active")
		}
	})
	first := writeAL3(t, t.TempDir(), "first.al3")
	j.drop(first)
	j.answer("Trust this server?", "Trust this certificate")
	j.waitState(first, uploader.EventDone)

	j.tab("Settings")
	j.tap(j.win().Content(), "Save")
	saved, err := j.d.Parts.Profiles.Get(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if saved.PinnedSHA256 == "" || saved.Mode != "active" {
		t.Fatalf("after an untouched Save the profile pins %q in mode %q: want the trusted pin, active", saved.PinnedSHA256, saved.Mode)
	}
	j.tab("Queue")

	j.mu.Lock()
	before := len(j.dials)
	j.mu.Unlock()
	second := writeAL3(t, t.TempDir(), "second.al3")
	j.drop(second)
	j.waitFor("second.al3 to end", func() bool {
		s := j.lastState(second)
		return s == uploader.EventDone || s == uploader.EventFailed || j.dialogShown("Trust this server?")
	})
	if j.dialogShown("Trust this server?") {
		t.Fatal("the upload after an untouched Save asks to trust the certificate again")
	}
	if s := j.lastState(second); s != uploader.EventDone {
		t.Fatalf("second.al3 is %s: %+v", s, j.items(second))
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, c := range j.dials[before:] {
		if c.Mode != transport.Active || c.PinnedSHA256 == "" {
			t.Errorf("a connection after the Save was %s with pin %q: want active, pinned", c.Mode, c.PinnedSHA256)
		}
	}
}

// editInSettings selects the server called name in the Settings list.
func (j *journey) editInSettings(name string) {
	j.t.Helper()
	found := false
	ui.DoAndWait(func() {
		lists := uitest.FindAll[*widget.List](j.win().Content(), nil)
		for _, l := range lists {
			for i := range l.Length() {
				l.Select(i)
				if len(uitest.FindAll(j.win().Content(), func(e *widget.Entry) bool { return e.Text == name })) > 0 {
					found = true
					return
				}
			}
		}
	})
	if !found {
		j.t.Fatalf("no %q in the Settings list", name)
	}
}

// normalize is a fingerprint in lower case without colons.
func normalize(fp string) string { return strings.ToLower(strings.ReplaceAll(fp, ":", "")) }

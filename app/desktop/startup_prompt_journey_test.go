package desktop

import (
	"strings"
	"testing"

	"exchange/internal/uitest"
	"exchange/localserver"
	"exchange/ui"
)

// TestJourneyStartupPromptShowsTheSelectedServer: the window opens on the
// agency's server chosen last time, whose password is not remembered. While
// the password prompt is open, the banner and the toolbar describe that
// server (encrypted, its folder), not the built-in test server the window
// used a moment before; Cancel gives the test server back, described as such.
func TestJourneyStartupPromptShowsTheSelectedServer(t *testing.T) {
	j := newJourney(t, newMemKeychain())
	p, _ := j.agency(localserver.TLSExplicit, 1)
	j.fyneApp.Preferences().SetString("server.chosen", p.Name)
	j.open()
	d := j.waitDialog("Password for")
	var content string
	ui.DoAndWait(func() { content = uitest.TextOf(j.win().Content()) })
	if strings.Contains(content, "Test mode") || strings.Contains(content, "Not encrypted") || !strings.Contains(content, "Files go to "+p.Name) {
		t.Errorf("with the prompt for %s open, the window says:\n%s", p.Name, content)
	}
	j.tap(d, "Cancel")
	j.waitUI("the test server described again", func() bool {
		text := uitest.TextOf(j.win().Content())
		return strings.Contains(text, "Test mode") && strings.Contains(text, "Not encrypted")
	})
	if got := j.d.Window.CurrentProfile(); !got.BuiltIn {
		t.Errorf("after Cancel the window sends to %q, want the built-in server", got.Name)
	}
}

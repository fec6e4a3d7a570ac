package desktop

import (
	"testing"

	"exchange/localserver"
	"exchange/uploader"
)

// TestJourneyChosenServerKeptAcrossRestart: the server chosen in the
// toolbar is the one the window opens on next time (issue 14 item 9), and
// a file dropped then goes to it.
func TestJourneyChosenServerKeptAcrossRestart(t *testing.T) {
	j := newJourney(t, newMemKeychain())
	p, _ := j.agency(localserver.TLSOff, 1)
	j.rememberPassword(p)
	j.open()
	j.choose(p.Name)
	j.waitFor("the window to send to "+p.Name, func() bool { return j.d.Window.CurrentProfile().Name == p.Name })

	j.restart()
	j.waitFor("the window to open on "+p.Name, func() bool { return j.d.Window.CurrentProfile().Name == p.Name })
	f := writeAL3(t, t.TempDir(), "after-restart.al3")
	j.drop(f)
	j.waitState(f, uploader.EventDone)
	if got := j.items(f)[0].Profile; got != p.Name {
		t.Fatalf("the file went to %q, want %q", got, p.Name)
	}
}

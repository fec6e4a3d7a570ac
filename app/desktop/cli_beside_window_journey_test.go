package desktop

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"exchange/profile"
	"exchange/uploader"
	"exchange/validate/al3/al3gen"
)

// exchangeCLI runs `exchange args...` in a process of its own (this test
// binary as the command line) on the journey's state folder, and returns
// its exit code and output.
func (j *journey) exchangeCLI(env []string, args ...string) (int, string) {
	j.t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), childEnv+"=cli", "EXCHANGE_STATE_DIR="+j.state), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		}
		j.t.Fatal(err)
	}
	return 0, string(out)
}

// TestJourneyCommandLineBesideTheOpenWindow is issue 14 item 6: with the
// window open, a scheduled `exchange upload` and `exchange history` work on
// the same journal (they exited 2, "another Exchange is using it", when the
// journal locked the whole file to one process); each side sees the other's
// history, nothing is sent twice, and the window does not take the command
// line's files as its own.
func TestJourneyCommandLineBesideTheOpenWindow(t *testing.T) {
	j := newJourney(t, nil)
	j.open()
	dir := t.TempDir()
	byWindow := filepath.Join(dir, "window.al3")
	byCLI := filepath.Join(dir, "scheduled.al3")
	if err := os.WriteFile(byWindow, al3gen.Valid(al3gen.CRLF), 0o644); err != nil {
		t.Fatal(err)
	}
	// Other content than the window's file: no "already sent" question.
	if err := os.WriteFile(byCLI, append(al3gen.Valid(al3gen.CRLF), al3gen.Valid(al3gen.CRLF)...), 0o644); err != nil {
		t.Fatal(err)
	}
	j.drop(byWindow)
	j.waitState(byWindow, uploader.EventDone)

	server := fmt.Sprintf("ftp://%s@127.0.0.1:%d/", profile.BuiltInUser, j.d.Parts.BuiltIn.Port())
	code, out := j.exchangeCLI([]string{"EXCHANGE_PASSWORD=" + profile.BuiltInPassword}, "upload", "--server", server, byCLI)
	if code != 0 {
		t.Fatalf("exchange upload beside the open window: exit %d\n%s", code, out)
	}
	code, out = j.exchangeCLI(nil, "history")
	if code != 0 {
		t.Fatalf("exchange history beside the open window: exit %d\n%s", code, out)
	}
	for _, name := range []string{"window.al3", "scheduled.al3"} {
		if !strings.Contains(out, name) {
			t.Errorf("exchange history does not list %s:\n%s", name, out)
		}
	}
	// The window's journal sees what the command line sent.
	hist, err := j.d.Parts.Journal.History(uploader.HistoryQuery{Search: "scheduled.al3"})
	if err != nil || len(hist) != 1 || hist[0].Outcome != uploader.OutcomeSent {
		t.Errorf("the window's history of the command line's file: %+v, %v", hist, err)
	}
	if n := filesIn(t, j.inbox); n != 2 {
		t.Errorf("the inbox holds %d files, want 2 (one from each side)", n)
	}
	// A restart of the window takes nothing of the command line's as unfinished.
	j.restart()
	if items := j.d.Service.Items(); len(items) != 0 {
		t.Errorf("after a restart the window's queue holds %d files, want none", len(items))
	}
}

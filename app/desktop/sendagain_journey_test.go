package desktop

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/profile"
	"exchange/ui"
	"exchange/uploader"
	"exchange/uploader/watch"
	"exchange/validate/al3/al3gen"
)

// TestJourneySendAgainOfAWatchedFileSendsItFromSent: a watch (after-policy
// move) sends a file and moves it to Sent/; History → Send again sends it
// from there. Before, the history kept the path in the watched folder and
// the row failed with "could not read the file".
func TestJourneySendAgainOfAWatchedFileSendsItFromSent(t *testing.T) {
	j := newJourney(t, nil)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	j.open()
	dir := t.TempDir()
	ui.DoAndWait(j.d.ShowWatches)
	if err := j.d.Watches.Add(watch.Definition{Dir: dir, Profile: profile.BuiltInName, After: watch.AfterMove, Settle: watch.Duration(time.Second)}); err != nil {
		t.Fatal(err)
	}
	content := al3gen.Valid(al3gen.CRLF)
	f := filepath.Join(dir, "WATCHED.AL3")
	if err := os.WriteFile(f, content, 0o644); err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(dir, watch.SentFolder, "WATCHED.AL3")
	j.waitFor("the file sent and moved to Sent/", func() bool {
		return sameFile(filepath.Join(j.inbox, "WATCHED.AL3"), content) && exists(moved)
	})

	j.tab("History")
	j.waitUI("History to list the file", func() bool {
		return len(uitest.FindAll(j.win().Content(), func(b *widget.Button) bool { return b.Text == "Send again" })) > 0
	})
	j.tap(j.win().Content(), "Send again")
	j.waitState(moved, uploader.EventDone)
	if j.dialogShown("Send it again?") {
		t.Error("History → Send again asked whether to send it again")
	}
	if n := filesIn(t, j.inbox); n != 2 {
		t.Fatalf("after History → Send again, the inbox holds %d files, want 2", n)
	}
}

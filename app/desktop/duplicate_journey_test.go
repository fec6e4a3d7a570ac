package desktop

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/uploader"
	"exchange/validate/al3/al3gen"
)

// TestJourneyDuplicateAskedAndAnsweredAcrossRestarts is issue 14 item 1 as
// a clerk meets it: drop → sent → drop again → the question (answered no,
// then yes) → drop again and close with the question open → the next start
// asks again without crashing → History → Send again sends without asking. Before the
// composition root, the second drop crashed the window (the service was
// handed win.decideDuplicate while win was nil) and so did every later start.
func TestJourneyDuplicateAskedAndAnsweredAcrossRestarts(t *testing.T) {
	j := newJourney(t, nil)
	j.open()
	f := filepath.Join(t.TempDir(), "policy.al3")
	if err := os.WriteFile(f, al3gen.Valid(al3gen.CRLF), 0o644); err != nil {
		t.Fatal(err)
	}

	j.drop(f)
	j.waitState(f, uploader.EventDone)

	j.drop(f)
	j.answer("Send it again?", "No")
	j.waitState(f, uploader.EventSkipped)
	if n := filesIn(t, j.inbox); n != 1 {
		t.Fatalf("after answering no, the inbox holds %d files, want 1", n)
	}

	j.drop(f)
	j.answer("Send it again?", "Yes")
	j.waitState(f, uploader.EventDone)
	if n := filesIn(t, j.inbox); n != 2 {
		t.Fatalf("after answering yes, the inbox holds %d files, want 2", n)
	}

	// Closed with the question open: the journal keeps the file, and the
	// next start asks again instead of crashing.
	j.drop(f)
	j.waitDialog("Send it again?")
	j.restart()
	j.answer("Send it again?", "No")
	j.waitState(f, uploader.EventSkipped)
	if n := filesIn(t, j.inbox); n != 2 {
		t.Fatalf("after the restart and no, the inbox holds %d files, want 2", n)
	}

	// History → Send again is the clerk's explicit yes: sent without the
	// question again (clerk bug 2).
	j.tab("History")
	j.waitUI("History to list the file", func() bool {
		return len(uitest.FindAll(j.win().Content(), func(b *widget.Button) bool { return b.Text == "Send again" })) > 0
	})
	j.tap(j.win().Content(), "Send again")
	j.waitState(f, uploader.EventDone)
	if j.dialogShown("Send it again?") {
		t.Error("History → Send again asked whether to send it again")
	}
	if n := filesIn(t, j.inbox); n != 3 {
		t.Fatalf("after History → Send again, the inbox holds %d files, want 3", n)
	}
}

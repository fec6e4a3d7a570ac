package uploader

import (
	"testing"
	"time"
)

// TestNoteMovedTellsTheNewestEntryOfThatFile: a watch moved a file to
// Sent/; the newest history entry of that file and profile learns where it
// is (LocalFile), an older one and another profile's keep the old path, and
// the duplicate lookup still finds the send.
func TestNoteMovedTellsTheNewestEntryOfThatFile(t *testing.T) {
	j, err := OpenJournal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	at := time.Now()
	for i, h := range []HistoryEntry{
		{Path: "/w/a.al3", SHA256: "old", Profile: "p", Outcome: OutcomeSent, Finished: at},
		{Path: "/w/a.al3", SHA256: "other", Profile: "q", Outcome: OutcomeSent, Finished: at.Add(time.Second)},
		{Path: "/w/a.al3", SHA256: "new", Profile: "p", Outcome: OutcomeSent, Finished: at.Add(2 * time.Second)},
	} {
		id := ItemID(string(rune('a' + i)))
		_ = j.putItems(onDisk, journalItem{ID: id, Path: h.Path, Profile: h.Profile})
		if err := j.finish(onDisk, id, &h); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.NoteMoved("p", "/w/a.al3", "/w/Sent/a.al3"); err != nil {
		t.Fatal(err)
	}
	hist, err := j.History(HistoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, h := range hist {
		got[h.SHA256] = h.LocalFile()
	}
	want := map[string]string{"new": "/w/Sent/a.al3", "other": "/w/a.al3", "old": "/w/a.al3"}
	for sha, path := range want {
		if got[sha] != path {
			t.Errorf("entry %s is at %q, want %q", sha, got[sha], path)
		}
	}
	if h, found, err := j.LastSent("p", "new"); err != nil || !found || h.MovedTo != "/w/Sent/a.al3" {
		t.Errorf("LastSent = %+v %v %v", h, found, err)
	}
}

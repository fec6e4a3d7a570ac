package uploader

import (
	"strings"
	"testing"
	"time"
)

// waitState polls until the item is in state want.
func (h *harness) waitState(id ItemID, want EventKind) {
	h.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		for _, info := range h.svc.Items() {
			if info.ID == id && info.State == want {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.t.Fatalf("item %s never reached %s: %+v", id, want, h.svc.Items())
}

// breakJournal makes every later journal write fail, as a full or failing
// disk would: the store under the journal is closed.
func (h *harness) breakJournal() {
	h.t.Helper()
	if err := h.journal.db.Close(); err != nil {
		h.t.Fatal(err)
	}
}

// journalFailures waits for the EventJournalFailed events.
func (h *harness) journalFailures() []Event {
	h.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		var out []Event
		for _, e := range h.rec.all() {
			if e.Kind == EventJournalFailed {
				out = append(out, e)
			}
		}
		if len(out) > 0 || time.Now().After(deadline) {
			return out
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A cancel whose journal write failed was silent: the row said canceled,
// and the file came back at the next start. Now the failure is an event in
// words, and the batch stops.
func TestJournalFailureOfACancelReachesTheUser(t *testing.T) {
	h := newHarness(t, newFakeServer(), testProfile(), nil)
	ids, err := h.svc.Add(h.file("a.al3", "AL3 a"))
	if err != nil {
		t.Fatal(err)
	}
	h.waitState(ids[0], EventWaiting)
	h.breakJournal()
	if err := h.svc.Cancel(ids[0]); err != nil {
		t.Fatal(err)
	}
	var e Event
	deadline := time.Now().Add(time.Minute)
	for e.Err == "" && time.Now().Before(deadline) {
		for _, f := range h.journalFailures() {
			if strings.Contains(f.Err, "cannot record the cancel of a.al3") {
				e = f
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	if !strings.Contains(e.Err, "cannot write its journal in "+h.state) || e.Item != "" {
		t.Fatalf("journal-failed events %+v; want one saying the cancel of a.al3 could not be recorded, and where", h.journalFailures())
	}
	if !strings.Contains(e.Hint, "cannot record what it sends") || e.ErrClass != "permanent" {
		t.Errorf("hint %q (class %s)", e.Hint, e.ErrClass)
	}
	if err := h.svc.JournalErr(); err == nil {
		t.Error("JournalErr() = nil after a failed write")
	}
}

// A file whose final name cannot be recorded fails in words ("cannot record
// the upload of a.al3"), is never reported sent, and the batch says so.
func TestJournalFailureWhileSendingFailsTheFileInWords(t *testing.T) {
	srv := newFakeServer()
	h := newHarness(t, srv, testProfile(), nil)
	ids, err := h.svc.Add(h.file("a.al3", "AL3 a"))
	if err != nil {
		t.Fatal(err)
	}
	h.waitState(ids[0], EventWaiting)
	h.breakJournal()
	h.svc.Start()
	h.wait()
	last := h.rec.last(ids[0])
	if last.Kind != EventFailed || !strings.Contains(last.Err, "cannot record the upload of a.al3") {
		t.Errorf("last event %s %q, want failed: cannot record the upload of a.al3; %+v", last.Kind, last.Err, h.rec.all())
	}
	if len(h.journalFailures()) != 1 {
		t.Errorf("journal-failed events: %+v", h.journalFailures())
	}
	if _, ok := srv.file("/in/a.al3"); ok {
		t.Error("the file was renamed to its final name although the name was not recorded")
	}
	if b := h.rec.batchDone(); len(b) != 1 || b[0].Failed != 1 || b[0].Sent != 0 {
		t.Errorf("batch-done = %+v", b)
	}
}

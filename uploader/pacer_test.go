package uploader

import (
	"testing"

	"exchange/transport"
)

// A server that refuses every session for its connection limit does not
// hold the files forever (a scheduled `exchange upload` would never end):
// after MaxRetries rounds of pauses with no session open, the files fail.
func TestConnectionLimitWithNoSessionAtAllEndsInFailure(t *testing.T) {
	srv := newFakeServer()
	srv.dialErr = &transport.Error{Op: "connect", Code: 421, Reply: "10 users (the maximum) are already logged in, sorry",
		Kind: transport.ClassRetryable}
	p := testProfile()
	p.MaxRetries = 2
	h := newHarness(t, srv, p, nil)
	ids := h.run(h.file("a.al3", "AL3 a"), h.file("b.al3", "AL3 b"))
	for _, id := range ids {
		if last := h.rec.last(id); last.Kind != EventFailed {
			t.Errorf("%s ended %s, want failed", id, last.Kind)
		}
	}
	waits := 0
	for _, e := range h.rec.all() {
		if e.Kind == EventWaiting && e.Note == NoteConnectionLimit {
			waits++
		}
	}
	if waits == 0 {
		t.Error("no file waited for the connection limit before failing")
	}
	t.Logf("%d dials, %d waits for the limit", len(srv.commands("DIAL")), waits)
}

package uploader

import (
	"context"
	"sync/atomic"
	"testing"

	"exchange/profile"
)

// TestAddAgainSendsADuplicateWithoutAsking: a file a person asked to send
// again (History's Send again) is sent though its content was sent before,
// without the duplicate question and whatever the profile's policy.
func TestAddAgainSendsADuplicateWithoutAsking(t *testing.T) {
	for _, policy := range []profile.DuplicatePolicy{profile.DuplicateAsk, profile.DuplicateSkip} {
		t.Run(string(policy), func(t *testing.T) {
			srv := newFakeServer()
			p := testProfile()
			p.Duplicates = policy
			var asked atomic.Int32
			h := newHarness(t, srv, p, func(o *Options) {
				o.DecideDuplicate = func(context.Context, Duplicate) bool { asked.Add(1); return false }
			})
			f := h.file("a.al3", "same bytes")
			h.run(f)
			h.batches = len(h.rec.batchDone())
			ids, err := h.svc.AddAgain("", f)
			if err != nil {
				t.Fatal(err)
			}
			h.svc.Start()
			h.wait()
			if e := h.rec.last(ids[0]); e.Kind != EventDone {
				t.Fatalf("sent again: %+v, want done", e)
			}
			if n := asked.Load(); n != 0 {
				t.Errorf("asked %d times about a file the person asked to send again", n)
			}
			if n := len(srv.commands("STOR")); n != 2 {
				t.Errorf("%d STOR, want 2", n)
			}
		})
	}
}

package uploader

import (
	"sync"
	"testing"
	"time"
)

// seqView is a subscriber's picture of the list, kept by the rule Event.Seq
// documents: a state is applied to an item only over an older one, and a
// removed item stays removed.
type seqView struct {
	mu      sync.Mutex
	state   map[ItemID]EventKind
	seq     map[ItemID]uint64
	removed map[ItemID]bool
	lastSeq uint64
	ordered bool // every event came with a higher Seq than the one before
}

func newSeqView() *seqView {
	return &seqView{state: map[ItemID]EventKind{}, seq: map[ItemID]uint64{}, removed: map[ItemID]bool{}, ordered: true}
}

func (v *seqView) apply(id ItemID, kind EventKind, seq uint64) {
	if v.removed[id] || seq <= v.seq[id] {
		return
	}
	if kind == EventRemoved {
		v.removed[id] = true
		delete(v.state, id)
		return
	}
	v.state[id], v.seq[id] = kind, seq
}

func (v *seqView) event(e Event) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if e.Seq <= v.lastSeq {
		v.ordered = false
	}
	v.lastSeq = e.Seq
	if e.Item != "" {
		v.apply(e.Item, e.Kind, e.Seq)
	}
}

func (v *seqView) replay(items []ItemInfo) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, info := range items {
		v.apply(info.ID, info.State, info.Seq)
	}
}

// A subscriber that replays a snapshot taken after it subscribed, but
// applied only after newer events (its goroutine was slow), must keep the
// newer states: without sequence numbers the snapshot put finished files
// back to "waiting".
func TestSnapshotAppliedLateNeverOverwritesNewerEvents(t *testing.T) {
	h := newHarness(t, newFakeServer(), testProfile(), nil)
	var ids []ItemID
	for _, name := range []string{"a.al3", "b.al3", "c.al3"} {
		got, err := h.svc.Add(h.file(name, "AL3 "+name))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, got...)
	}
	for _, id := range ids {
		h.waitState(id, EventWaiting)
	}
	v := newSeqView()
	unsubscribe := h.svc.Subscribe(v.event)
	defer unsubscribe()
	snapshot := h.svc.Items() // taken now, applied after the batch
	if err := h.svc.Remove(ids[2]); err != nil {
		t.Fatal(err)
	}
	h.svc.Start()
	h.wait()
	unsubscribe() // every event delivered
	v.replay(snapshot)

	final := map[ItemID]ItemInfo{}
	for _, info := range h.svc.Items() {
		final[info.ID] = info
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, id := range ids[:2] {
		if v.state[id] != EventDone || final[id].State != EventDone || v.seq[id] != final[id].Seq {
			t.Errorf("item %s: the subscriber has %s (seq %d), the service %s (seq %d)", id, v.state[id], v.seq[id], final[id].State, final[id].Seq)
		}
	}
	if _, back := v.state[ids[2]]; back {
		t.Error("the snapshot brought back a removed item")
	}
	if !v.ordered {
		t.Error("events did not come in the order of their numbers")
	}
}

// The same rule under a real race: snapshots replayed from another
// goroutine while events arrive end with the service's own state.
func TestSnapshotReplayedConcurrentlyEndsWithTheServiceState(t *testing.T) {
	h := newHarness(t, newFakeServer(), testProfile(), nil)
	v := newSeqView()
	unsubscribe := h.svc.Subscribe(v.event)
	defer unsubscribe()
	var paths []string
	for i := range 20 {
		paths = append(paths, h.file(string(rune('a'+i))+".al3", "AL3 content"))
	}
	done := make(chan struct{})
	stop := make(chan struct{})
	go func() {
		defer close(done)
		for {
			v.replay(h.svc.Items())
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	h.run(paths...)
	close(stop)
	<-done
	unsubscribe()
	v.mu.Lock()
	defer v.mu.Unlock()
	items := h.svc.Items()
	if len(items) != len(paths) {
		t.Fatalf("%d items", len(items))
	}
	for _, info := range items {
		if v.state[info.ID] != info.State || v.seq[info.ID] != info.Seq {
			t.Errorf("%s: the subscriber has %s (seq %d), the service %s (seq %d)",
				info.Path, v.state[info.ID], v.seq[info.ID], info.State, info.Seq)
		}
	}
}

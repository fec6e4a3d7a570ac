package ui

import (
	"context"
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestMemoryLimitFollowsTheLiveHeap: the floor for a small heap, and room
// for half as much again as what is live once the heap outgrows it, so the
// collector never runs back to back.
func TestMemoryLimitFollowsTheLiveHeap(t *testing.T) {
	for _, live := range []uint64{0, 1 << 20, heapFloor / 2, heapFloor, 10 * heapFloor, 1 << 34} {
		got := memoryLimitFor(live)
		if got < heapFloor {
			t.Errorf("live %d: limit %d is below the floor %d", live, got, heapFloor)
		}
		if float64(got) < float64(live)*1.5 {
			t.Errorf("live %d: limit %d leaves less than half the live heap as headroom", live, got)
		}
		if live >= heapFloor && float64(got) > float64(live)*1.5+1 {
			t.Errorf("live %d: limit %d is more than 1.5 times the live heap", live, got)
		}
	}
}

// TestMemoryLimitLeavesHandTuningAlone: GOGC or GOMEMLIMIT in the
// environment means someone chose; the window then sets nothing.
func TestMemoryLimitLeavesHandTuningAlone(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	debug.SetMemoryLimit(math.MaxInt64)
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "100")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			LimitMemory(ctx)
			if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
				t.Errorf("with %s set the limit became %d", env, got)
			}
		})
	}
	t.Run("unset", func(t *testing.T) {
		t.Setenv("GOGC", "")
		t.Setenv("GOMEMLIMIT", "")
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		LimitMemory(ctx)
		if got := debug.SetMemoryLimit(-1); got < heapFloor || got == math.MaxInt64 {
			t.Errorf("limit = %d, want at least the floor %d", got, heapFloor)
		}
	})
}

// TestMemoryLimitRisesAfterACollectionFindsMoreLive: once the live heap
// outgrows the floor, the next collection lifts the limit to 1.5 times it,
// and after ctx ends the limit no longer moves.
func TestMemoryLimitRisesAfterACollectionFindsMoreLive(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	LimitMemory(ctx)

	const kept = 2 * heapFloor
	big := make([]byte, kept)
	want := int64(float64(kept) * liveFactor)
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) < want {
		if time.Now().After(deadline) {
			t.Fatalf("limit %d after collections with %d bytes live, want at least %d", debug.SetMemoryLimit(-1), kept, want)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(big)

	cancel()
	runtime.GC() // the last sentinel sees ctx ended and does not re-arm
	time.Sleep(50 * time.Millisecond)
	debug.SetMemoryLimit(math.MaxInt64)
	for range 3 {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("the limit moved to %d after ctx ended", got)
	}
}

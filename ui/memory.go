package ui

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The window stays in the tray all day, so the memory it holds matters more
// than a little CPU. By default Go's collector lets the heap grow to twice
// what is live before it collects; with 10,000 files in the list that is
// 80 MB of heap for 40 MB of live objects (bench/gui-memory.sh). A soft memory
// limit makes it collect sooner instead.
const (
	// heapFloor is the Go runtime's share of the window's 200 MiB budget:
	// on Xvfb the rest of the process (software OpenGL, the C heap of Mesa,
	// X11 and GLFW, the program text) takes about 140 MiB. Measured with
	// 10,000 files: peak 194–199 MiB at 56–60 MiB, 203 at 64, 222–238
	// without a limit. The batch's CPU went up 25–50% in some runs and was
	// within this machine's noise in others (bench/gui-memory.sh prints both).
	// With the transfer table and the watches the same runs gave 204–205 MiB
	// at 60, 201 at 56, 200 at 54 and 196 at 52 (the live heap is about 35 MB
	// at the end of the batch); the batch's CPU at 52 was 32 s against
	// 19–27 s at 54–60 in the same hour, on a machine whose load swung
	// between 8 and 20.
	heapFloor = 52 << 20
	// liveFactor keeps the limit ahead of a live heap that outgrows the
	// floor (a large workbook being checked), so that the collector never
	// runs back to back: the limit is then 1.5 times what is live.
	liveFactor = 1.5
)

// memoryLimitFor is the soft limit for a live heap of live bytes.
func memoryLimitFor(live uint64) int64 {
	return max(int64(heapFloor), int64(float64(live)*liveFactor))
}

// LimitMemory keeps the window's Go memory near heapFloor until ctx ends,
// raising the limit as the live heap grows. The live heap is only known after
// a collection, so the limit follows it once per GC cycle (an idle window
// wakes for nothing). Someone who tuned the runtime by hand (GOMEMLIMIT or
// GOGC set) is left alone.
func LimitMemory(ctx context.Context) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return
	}
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	follow := func() {
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 {
			debug.SetMemoryLimit(memoryLimitFor(live[0].Value.Uint64()))
		}
	}
	follow()
	afterEachGC(ctx, follow)
}

// gcSentinel is garbage on purpose: its finalizer runs after the collection
// that found it unreachable. It holds a pointer so that it is not batched
// with other tiny objects (whose finalizers may never run).
type gcSentinel struct{ _ *byte }

// afterEachGC calls fn (on the finalizer goroutine) after every collection
// until ctx ends.
func afterEachGC(ctx context.Context, fn func()) {
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		if ctx.Err() != nil {
			return
		}
		fn()
		afterEachGC(ctx, fn)
	})
}

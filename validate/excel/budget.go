package excel

import "sync"

// memoryBudget is a weighted semaphore on the bytes that workbook checks hold
// in memory at once, shared by every check in the process: Exchange checks
// one file per CPU at a time, and each must not be able to take what the
// others need. A check waits until its share is free. It is FIFO, so a
// large check is not starved by a stream of small ones.
type memoryBudget struct {
	mu      sync.Mutex
	size    int64
	used    int64
	peak    int64 // the most ever used at once, for tests and figures
	waiters []*budgetWaiter
}

type budgetWaiter struct {
	n     int64
	ready chan struct{}
}

func newMemoryBudget(size int64) *memoryBudget { return &memoryBudget{size: size} }

// acquire waits until n bytes (at most the whole budget) are free, takes them
// and returns what to pass to release.
func (b *memoryBudget) acquire(n int64) int64 {
	n = min(max(n, 0), b.size)
	b.mu.Lock()
	if len(b.waiters) == 0 && b.used+n <= b.size {
		b.take(n)
		b.mu.Unlock()
		return n
	}
	w := &budgetWaiter{n: n, ready: make(chan struct{})}
	b.waiters = append(b.waiters, w)
	b.mu.Unlock()
	<-w.ready // release took the bytes for us
	return n
}

func (b *memoryBudget) take(n int64) {
	b.used += n
	b.peak = max(b.peak, b.used)
}

// release gives n bytes back and wakes the waiters that now fit, in order.
func (b *memoryBudget) release(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used -= n
	for len(b.waiters) > 0 && b.used+b.waiters[0].n <= b.size {
		w := b.waiters[0]
		b.waiters = b.waiters[1:]
		b.take(w.n)
		close(w.ready)
	}
}

// peakUse is the most bytes ever held at once.
func (b *memoryBudget) peakUse() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.peak
}

package bandwidth

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sync"
	"testing"
	"time"

	"exchange/internal/testwait"
)

// readAll reads n bytes through the limits from each of readers goroutines
// and returns how long it took.
func readAll(t *testing.T, l *Limits, profile string, readers int, n int) time.Duration {
	t.Helper()
	start := time.Now()
	var wg sync.WaitGroup
	for range readers {
		wg.Go(func() {
			r := l.Reader(context.Background(), profile, bytes.NewReader(make([]byte, n)))
			if got, err := io.Copy(io.Discard, r); err != nil || got != int64(n) {
				t.Errorf("read %d of %d: %v", got, n, err)
			}
		})
	}
	wg.Wait()
	return time.Since(start)
}

// within checks an elapsed time against the time the limit allows. A limit
// can only slow reads down, so the lower bound is strict; the upper bound
// grows with the machine's slowness (testwait).
func within(t *testing.T, what string, got, want time.Duration) {
	t.Helper()
	if got < want*9/10 || got > want*11/10+testwait.Scaled(300*time.Millisecond) {
		t.Errorf("%s took %v, want %v within 10%%", what, got.Round(time.Millisecond), want)
	}
	t.Logf("%s: %v (want %v)", what, got.Round(time.Millisecond), want)
}

func TestGlobalLimitIsSharedByAllReaders(t *testing.T) {
	l := New()
	l.SetGlobal(400_000)
	// 3 readers × 200 kB = 600 kB at 400 kB/s; the first 40 kB (the bucket's burst) go at once.
	within(t, "3 readers", readAll(t, l, "p", 3, 200_000), time.Duration(float64(600_000-40_000)/400_000*float64(time.Second)))
}

func TestProfileAndGlobalLimitTheSlowerWins(t *testing.T) {
	l := New()
	l.SetGlobal(1_000_000)
	l.SetProfile("slow", 200_000)
	within(t, "profile at 200 kB/s", readAll(t, l, "slow", 2, 100_000), time.Duration(float64(200_000-20_000)/200_000*float64(time.Second)))
	start := time.Now()
	readAll(t, l, "other", 1, 200_000) // only the global limit: 0.1 s
	if d := time.Since(start); d > testwait.Scaled(time.Second) {
		t.Errorf("another profile was held to the slow profile's limit: %v", d)
	}
}

func TestLimitChangesWhileReading(t *testing.T) {
	l := New()
	l.SetGlobal(100_000)
	done := make(chan time.Duration)
	go func() { done <- readAll(t, l, "p", 1, 1_000_000) }()
	time.Sleep(200 * time.Millisecond) // about 20 kB at the first rate
	l.SetGlobal(0)
	select {
	case d := <-done:
		if d > testwait.Scaled(2*time.Second) {
			t.Errorf("lifting the limit did not speed up the read in progress: %v", d)
		}
	case <-time.After(testwait.Scaled(10 * time.Second)):
		t.Fatal("the read still crawls at the old limit")
	}
}

func TestCanceledReadStops(t *testing.T) {
	l := New()
	l.SetGlobal(10_000)
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := errors.New("paused")
	r := l.Reader(ctx, "p", bytes.NewReader(make([]byte, 1_000_000)))
	go func() { time.Sleep(100 * time.Millisecond); cancel(stop) }()
	_, err := io.Copy(io.Discard, r)
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v, want the cancel cause", err)
	}
}

package uploader

import "sync"

// Helpers that only tests use: they are methods of the package's types, but
// live here so that the program's API has nothing only a test needs.

// Events is Subscribe for a channel: every event, in order, on a channel that
// closes when stop is called. The channel is fed from the subscriber's own
// goroutine, so a slow reader delays nobody but itself.
func (s *Service) Events() (events <-chan Event, stop func()) {
	ch := make(chan Event, 64)
	var mu sync.Mutex
	closed := false
	quit := make(chan struct{})
	unsubscribe := s.Subscribe(func(e Event) {
		select {
		case ch <- e:
		case <-quit:
		}
	})
	return ch, func() {
		mu.Lock()
		defer mu.Unlock()
		if closed {
			return
		}
		closed = true
		close(quit)
		unsubscribe()
		close(ch)
	}
}

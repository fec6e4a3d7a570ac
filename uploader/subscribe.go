package uploader

import "sync"

// subscriber delivers events to one callback on its own goroutine, in order.
// Its queue is unbounded so that emitting never waits for a slow reader;
// uploading events are throttled at the source (10 a second per file), so the
// queue stays small unless the reader stops altogether.
type subscriber struct {
	fn      func(Event)
	mu      sync.Mutex
	cond    *sync.Cond
	queue   []Event
	stopped bool
	done    chan struct{}
}

func newSubscriber(fn func(Event)) *subscriber {
	s := &subscriber{fn: fn, done: make(chan struct{})}
	s.cond = sync.NewCond(&s.mu)
	go s.run()
	return s
}

func (s *subscriber) push(e Event) {
	s.mu.Lock()
	if !s.stopped {
		s.queue = append(s.queue, e)
		s.cond.Signal()
	}
	s.mu.Unlock()
}

func (s *subscriber) run() {
	defer close(s.done)
	for {
		s.mu.Lock()
		for len(s.queue) == 0 && !s.stopped {
			s.cond.Wait()
		}
		if len(s.queue) == 0 { // stopped and drained
			s.mu.Unlock()
			return
		}
		batch := s.queue
		s.queue = nil
		s.mu.Unlock()
		for _, e := range batch {
			s.fn(e)
		}
	}
}

// stop delivers what is queued, then ends the goroutine and waits for it.
func (s *subscriber) stop() {
	s.mu.Lock()
	s.stopped = true
	s.cond.Signal()
	s.mu.Unlock()
	<-s.done
}

// Subscribe calls fn with every event from now on, in order, on a goroutine of
// its own: fn may take its time (update a window, write a line) without ever
// blocking the workers, and events are never dropped. fn is never called
// concurrently with itself. The returned function unsubscribes after the
// events already queued have been delivered.
func (s *Service) Subscribe(fn func(Event)) (unsubscribe func()) {
	sub := newSubscriber(fn)
	s.events.mu.Lock()
	s.events.subs = append(s.events.subs, sub)
	s.events.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.events.mu.Lock()
			for i, x := range s.events.subs {
				if x == sub {
					s.events.subs = append(s.events.subs[:i:i], s.events.subs[i+1:]...)
					break
				}
			}
			s.events.mu.Unlock()
			sub.stop()
		})
	}
}

// emit numbers e and sends it to every subscriber, and returns its number.
// Callers hold s.mu, which keeps the events of the service in one order.
func (s *Service) emit(e Event) uint64 {
	if e.Time.IsZero() {
		e.Time = s.now()
	}
	s.events.mu.Lock()
	defer s.events.mu.Unlock()
	s.events.seq++
	e.Seq = s.events.seq
	for _, sub := range s.events.subs {
		sub.push(e)
	}
	return e.Seq
}

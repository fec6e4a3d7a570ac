package uploader

import (
	"context"
	"time"

	"exchange/transport"
)

// maxPendingRenames bounds the files a worker has uploaded and verified but
// not yet renamed, waiting for the journal to record their final names.
const maxPendingRenames = 32

// idleCheck is how long a session may sit unused before a NOOP checks it.
const idleCheck = 15 * time.Second

// worker owns one FTP session, reused across files while the profile stays the same.
type worker struct {
	s       *Service
	sess    transport.Session
	profile string
	gen     int
	used    time.Time
	dirs    map[string]bool // remote folders made in this session
	entry   *profileEntry   // the profile of the session, for its pacer
	// pending are uploaded and verified files whose final name is being
	// committed to the journal; the worker renames them once it is on disk,
	// uploading the next files meanwhile (one fsync serves many files).
	pending []*job
}

// job is one attempt of a worker at one item. It is made in one place
// (Service.process); rename is set when the file waits for its rename.
type job struct {
	ctx    context.Context
	it     *item
	e      *profileEntry
	gen    int // the profile's generation the attempt started with
	rename *pendingRename
}

func (w *worker) drop() {
	if w.sess != nil {
		_ = w.sess.Quit()
		w.sess = nil
		w.entry.pace.open.Add(-1)
		w.entry = nil
	}
}

// hasSession reports whether the worker has a session open for the profile.
func (w *worker) hasSession(profile string) bool { return w.sess != nil && w.profile == profile }

// spawnWorkersLocked starts workers up to the current profile's Connections.
func (s *Service) spawnWorkersLocked() {
	if !s.state.started || s.state.closed {
		return
	}
	for s.pool.workers < s.targetWorkersLocked() {
		s.pool.workers++
		s.wg.Add(1)
		go s.runWorker()
	}
}

func (s *Service) targetWorkersLocked() int {
	if e := s.profiles.byName[s.profiles.current]; e != nil {
		return e.p.Connections
	}
	return 1
}

func (s *Service) runWorker() {
	defer s.wg.Done()
	w := &worker{s: s}
	defer w.drop()
	for {
		s.completeRenames(w, len(w.pending) >= maxPendingRenames)
		it, ctx, exit := s.next(w, len(w.pending) == 0)
		if exit {
			s.completeRenames(w, true)
			return
		}
		if it == nil { // nothing to start now: finish the renames under way
			s.completeRenames(w, true)
			continue
		}
		s.process(ctx, w, it)
	}
}

// next returns an item a worker may take. With wait it waits for one;
// without, it returns nil when none is ready. exit says the worker should end
// (closing, or more workers than the profile wants).
func (s *Service) next(w *worker, wait bool) (it *item, ctx context.Context, exit bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		if s.state.closed || s.pool.workers > s.targetWorkersLocked() {
			s.pool.workers--
			return nil, nil, true
		}
		var wake time.Time
		if !s.state.paused && s.state.journalErr == nil {
			if it, wake = s.takeReadyLocked(w); it != nil {
				ctx, cancel := context.WithCancelCause(s.ctx)
				it.cancel = cancel
				return it, ctx, false
			}
		}
		if !wait {
			return nil, nil, false
		}
		s.waitForChangeLocked(wake)
	}
}

// takeReadyLocked returns the first item ready to be sent by w, marked
// running with its temporary name claimed, or nil and when the next retry
// (or the end of a profile's pause) is due.
func (s *Service) takeReadyLocked(w *worker) (*item, time.Time) {
	var wake time.Time
	now := s.now()
	for s.list.finishedUpTo < len(s.list.order) {
		if it := s.list.items[s.list.order[s.list.finishedUpTo]]; it != nil && !it.kind.terminal() {
			break
		}
		s.list.finishedUpTo++
	}
	for _, id := range s.list.order[s.list.finishedUpTo:] {
		it := s.list.items[id]
		if it.kind != EventWaiting && it.kind != EventRetrying || it.running {
			continue
		}
		if now.Before(it.notBefore) {
			if wake.IsZero() || it.notBefore.Before(wake) {
				wake = it.notBefore
			}
			continue
		}
		e := s.profiles.byName[it.rec.Profile]
		if e != nil && !w.hasSession(it.rec.Profile) {
			if held, until := e.pace.holdsBack(now); held {
				if !until.IsZero() && (wake.IsZero() || until.Before(wake)) {
					wake = until
				}
				continue
			}
		}
		temp := it.rec.tempKey()
		if owner, taken := s.claims.temp[temp]; taken && owner != id {
			continue // another file of the same name is on its way
		}
		s.claims.temp[temp] = id
		it.running = true
		if e != nil && !w.hasSession(it.rec.Profile) {
			e.pace.take(id)
		}
		return it, wake
	}
	return nil, wake
}

// waitForChangeLocked waits, without the lock, for a change or until wake
// (when not zero).
func (s *Service) waitForChangeLocked(wake time.Time) {
	ch := s.state.changed
	s.mu.Unlock()
	defer s.mu.Lock()
	var fired <-chan time.Time
	if !wake.IsZero() {
		timer := time.NewTimer(time.Until(wake) + time.Millisecond)
		defer timer.Stop()
		fired = timer.C
	}
	select {
	case <-ch:
	case <-fired:
	}
}

// process makes one attempt at one item and records the outcome.
func (s *Service) process(ctx context.Context, w *worker, it *item) {
	s.mu.Lock()
	e := s.profiles.byName[it.rec.Profile]
	it.attempt++
	if it.started.IsZero() {
		it.started = s.now()
	}
	broken := e.broken
	j := &job{ctx: ctx, it: it, e: e, gen: e.gen}
	s.mu.Unlock()
	s.writesDone(it) // a Retry's record must not land after this attempt's

	var res result
	var err error
	if broken != nil {
		err = broken
	} else {
		res, j.rename, err = s.attempt(w, j)
	}
	if j.rename != nil {
		w.pending = append(w.pending, j)
		return
	}
	if err != nil {
		// The renames under way use this session: finish them before it may be dropped.
		s.completeRenames(w, true)
		s.leftoverAfter(w, j, err)
	}
	s.outcome(w, j, res, err)
}

// completeRenames renames the files whose chosen final name is on disk, in
// the order they were uploaded; with block it waits for every one.
func (s *Service) completeRenames(w *worker, block bool) {
	for len(w.pending) > 0 {
		j := w.pending[0]
		if !block && !j.rename.ready() {
			return
		}
		w.pending = w.pending[1:]
		res, err := j.rename.rename(j.ctx, w.sess)
		if err != nil && len(w.pending) > 0 && classOf(err) == transport.ClassRetryable {
			// The session failed: the others fail the same way and are retried.
			for _, q := range w.pending {
				_ = q.rename.waitDurable()
				s.leftoverAfter(w, q, err)
				s.outcome(w, q, result{}, err)
			}
			w.pending = nil
		}
		if err != nil {
			s.leftoverAfter(w, j, err)
		}
		s.outcome(w, j, res, err)
	}
}

// leftoverAfter removes the temporary file of an item whose attempt failed
// for good, before the failure is recorded.
func (s *Service) leftoverAfter(w *worker, j *job, err error) {
	s.mu.Lock()
	last := j.it.tempMayExist && endsForGood(j.ctx, err, j.it.attempt, j.e.p.MaxRetries)
	s.mu.Unlock()
	if !last {
		return
	}
	note := s.removeLeftover(w, j.it, j.e)
	s.mu.Lock()
	j.it.leftover, j.it.tempMayExist = note, note != ""
	s.mu.Unlock()
}

// attempt connects when needed and transfers the file.
func (s *Service) attempt(w *worker, j *job) (result, *pendingRename, error) {
	s.mu.Lock()
	p, password, gen, rec := j.e.p, j.e.password, j.e.gen, j.it.rec
	s.mu.Unlock()
	if err := s.mayAttempt(p); err != nil {
		return result{}, nil, err
	}
	if err := w.connect(j, p, password, gen); err != nil {
		return result{}, nil, err
	}
	// A wait for the server (a reply that never comes, a data connection the
	// server stopped reading) must not outlive a pause, a cancel or Ctrl-C:
	// the session is then cut, and dropped.
	if stop := transport.AbortOnCancel(j.ctx, w.sess); stop != nil {
		defer func() {
			if !stop() {
				w.drop()
			}
		}()
	}
	if err := w.makeDir(rec.RemoteDir); err != nil {
		return result{}, nil, err
	}
	link := itemLink{s: s, it: j.it}
	folder := folderLink{r: &s.folders, k: folderKey{profile: p.Name, gen: gen, dir: rec.RemoteDir}}
	t := &transfer{ctx: j.ctx, sess: w.sess, record: link, events: link, names: link, folder: folder,
		limits: link, policy: p.Exists, now: s.now, rec: rec}
	res, pending, err := t.run()
	w.used = time.Now()
	return res, pending, err
}

package uploader

import (
	"context"
	"errors"
	"time"

	"exchange/transport/ftpclient"
)

// maxPendingRenames bounds the files a worker has uploaded and verified but
// not yet renamed, waiting for the journal to record their final names.
const maxPendingRenames = 32

// idleCheck is how long a session may sit unused before a NOOP checks it.
const idleCheck = 15 * time.Second

// worker owns one FTP session, reused across files while the profile stays the same.
type worker struct {
	s       *Service
	sess    ftpclient.Session
	profile string
	gen     int
	used    time.Time
	dirs    map[string]bool // remote folders made in this session
	// pending are uploaded and verified files whose final name is being
	// committed to the journal; the worker renames them once it is on disk,
	// uploading the next files meanwhile (one fsync serves many files).
	pending []*pendingRename
}

func (w *worker) drop() {
	if w.sess != nil {
		_ = w.sess.Quit()
		w.sess = nil
	}
}

// spawnWorkersLocked starts workers up to the current profile's Connections.
func (s *Service) spawnWorkersLocked() {
	if !s.started || s.closed {
		return
	}
	for s.workers < s.targetWorkersLocked() {
		s.workers++
		s.wg.Add(1)
		go s.runWorker()
	}
}

func (s *Service) targetWorkersLocked() int {
	if e := s.profiles[s.current]; e != nil {
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
		it, ctx, exit := s.next(len(w.pending) == 0)
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
func (s *Service) next(wait bool) (it *item, ctx context.Context, exit bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		if s.closed || s.workers > s.targetWorkersLocked() {
			s.workers--
			return nil, nil, true
		}
		var wake time.Time
		if !s.paused && s.journalErr == nil {
			now := s.now()
			for s.finishedUpTo < len(s.order) {
				if it := s.items[s.order[s.finishedUpTo]]; it != nil && !it.kind.terminal() {
					break
				}
				s.finishedUpTo++
			}
			for _, id := range s.order[s.finishedUpTo:] {
				it := s.items[id]
				if it.kind != EventWaiting && it.kind != EventRetrying || it.running {
					continue
				}
				if s.holdForPasswordLocked(it) {
					continue
				}
				if now.Before(it.notBefore) {
					if wake.IsZero() || it.notBefore.Before(wake) {
						wake = it.notBefore
					}
					continue
				}
				temp := it.rec.RemoteDir + "\x00" + it.rec.TempName
				if owner, taken := s.claimedTemp[temp]; taken && owner != id {
					continue // another file of the same name is on its way
				}
				s.claimedTemp[temp] = id
				it.running = true
				ctx, cancel := context.WithCancelCause(s.ctx)
				it.cancel = cancel
				return it, ctx, false
			}
		}
		if !wait {
			return nil, nil, false
		}
		ch := s.changed
		s.mu.Unlock()
		var timer *time.Timer
		var fired <-chan time.Time
		if !wake.IsZero() {
			timer = time.NewTimer(time.Until(wake) + time.Millisecond)
			fired = timer.C
		}
		select {
		case <-ch:
		case <-fired:
		}
		if timer != nil {
			timer.Stop()
		}
		s.mu.Lock()
	}
}

// process makes one attempt at one item and records the outcome.
func (s *Service) process(ctx context.Context, w *worker, it *item) {
	s.mu.Lock()
	e := s.profiles[it.rec.Profile]
	it.attempt++
	if it.started.IsZero() {
		it.started = s.now()
	}
	broken, gen := e.broken, e.gen
	s.mu.Unlock()
	s.writesDone(it) // a Retry's record must not land after this attempt's

	var res result
	var pending *pendingRename
	var err error
	if broken != nil {
		err = broken
	} else {
		res, pending, err = s.attempt(ctx, w, it, e)
	}
	if pending != nil {
		pending.ctx, pending.it, pending.e, pending.gen = ctx, it, e, gen
		w.pending = append(w.pending, pending)
		return
	}
	if err != nil {
		// The renames under way use this session: finish them before it may be dropped.
		s.completeRenames(w, true)
		s.leftoverAfter(ctx, w, it, e, err)
	}
	s.outcome(ctx, w, it, e, gen, res, err)
}

// outcome records how an attempt at it ended.
func (s *Service) outcome(ctx context.Context, w *worker, it *item, e *profileEntry, gen int, res result, err error) {
	interrupted, cause := ctx.Err() != nil, context.Cause(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.claimedTemp, it.rec.RemoteDir+"\x00"+it.rec.TempName)
	for k, owner := range s.claimedFinal {
		if owner == it.rec.ID {
			delete(s.claimedFinal, k)
		}
	}
	it.running = false
	it.cancel(nil)
	it.cancel = nil

	if err == nil {
		s.succeedLocked(it, res)
		return
	}
	var journal *JournalError
	if errors.As(err, &journal) || cause == errJournal {
		s.journalFailedLocked(err)
		s.failWithoutJournalLocked(it, s.journalErr)
		return
	}
	if interrupted {
		switch cause {
		case errPaused:
			it.attempt--
			s.emitItem(it, Event{Kind: EventWaiting, Note: "paused"})
			return
		case errCanceled, errRemoved:
			id := it.rec.ID
			s.checkedWrite(it, func() error { return s.journal.finish(onDisk, id, nil) })
			s.finishLocked(it, cause)
			return
		default: // closing: the journal keeps the item for next time
			return
		}
	}
	class := classOf(err)
	if class == ftpclient.ClassRetryable && it.attempt <= e.p.MaxRetries {
		wait := s.opts.Backoff(it.attempt + 1)
		it.notBefore = s.now().Add(wait)
		w.drop() // the connection may be in any state: start the next attempt afresh
		_, hint := classify(err)
		s.emitItem(it, Event{Kind: EventRetrying, Attempt: it.attempt, RetryIn: wait, Err: err.Error(),
			ErrClass: class.String(), Hint: retryHint(hint)})
		s.signal()
		return
	}
	if (class == ftpclient.ClassAuth || class == ftpclient.ClassTLS) && e.gen == gen {
		e.broken = err // the same login would fail for every other file: stop trying it
	}
	if class != ftpclient.ClassRetryable {
		w.drop()
	}
	s.failLocked(it, err)
}

// completeRenames renames the files whose chosen final name is on disk, in
// the order they were uploaded; with block it waits for every one.
func (s *Service) completeRenames(w *worker, block bool) {
	for len(w.pending) > 0 {
		p := w.pending[0]
		if !block && !p.ready() {
			return
		}
		w.pending = w.pending[1:]
		res, err := s.rename(w.sess, p)
		if err != nil && len(w.pending) > 0 && classOf(err) == ftpclient.ClassRetryable {
			// The session failed: the others fail the same way and are retried.
			for _, q := range w.pending {
				q.waitDurable()
				s.leftoverAfter(q.ctx, w, q.it, q.e, err)
				s.outcome(q.ctx, w, q.it, q.e, q.gen, result{}, err)
			}
			w.pending = nil
		}
		if err != nil {
			s.leftoverAfter(p.ctx, w, p.it, p.e, err)
		}
		s.outcome(p.ctx, w, p.it, p.e, p.gen, res, err)
	}
}

// leftoverAfter removes the temporary file of an item whose attempt failed
// for good, before the failure is recorded.
func (s *Service) leftoverAfter(ctx context.Context, w *worker, it *item, e *profileEntry, err error) {
	s.mu.Lock()
	last := it.tempMayExist && endsForGood(ctx, err, it.attempt, e.p.MaxRetries)
	s.mu.Unlock()
	if !last {
		return
	}
	note := s.removeLeftover(w, it, e)
	s.mu.Lock()
	it.leftover, it.tempMayExist = note, note != ""
	s.mu.Unlock()
}

// attempt connects when needed and transfers the file.
func (s *Service) attempt(ctx context.Context, w *worker, it *item, e *profileEntry) (result, *pendingRename, error) {
	s.mu.Lock()
	p, password, gen := e.p, e.password, e.gen
	s.mu.Unlock()
	if err := s.mayAttempt(p); err != nil {
		return result{}, nil, err
	}
	if w.sess != nil && (w.profile != p.Name || w.gen != gen) {
		w.drop()
	}
	if w.sess != nil && time.Since(w.used) > idleCheck {
		if err := w.sess.Noop(); err != nil {
			w.drop()
		}
	}
	if w.sess == nil {
		s.mu.Lock()
		s.emitItem(it, Event{Kind: EventConnecting, Attempt: it.attempt})
		s.mu.Unlock()
		cfg, err := p.ClientConfig(password)
		if err != nil {
			return result{}, nil, &ftpclient.Error{Op: "connect", Class: ftpclient.ClassPermanent, Local: true, Err: err}
		}
		if s.opts.Configure != nil {
			s.opts.Configure(ctx, p, &cfg)
		}
		sess, err := s.opts.Dial(ctx, cfg)
		if err != nil {
			if ctx.Err() != nil {
				return result{}, nil, context.Cause(ctx)
			}
			return result{}, nil, err
		}
		w.sess, w.profile, w.gen, w.dirs = sess, p.Name, gen, map[string]bool{}
	}
	// A wait for the server (a reply that never comes, a data connection the
	// server stopped reading) must not outlive a pause, a cancel or Ctrl-C:
	// the session is then cut, and dropped.
	if stop := ftpclient.AbortOnCancel(ctx, w.sess); stop != nil {
		defer func() {
			if !stop() {
				w.drop()
			}
		}()
	}
	if dir := it.rec.RemoteDir; dir != "" && !w.dirs[dir] {
		if err := w.sess.MakeDirAll(dir); err != nil {
			// Another worker may have created it between our check and our MKD.
			if err := w.sess.MakeDirAll(dir); err != nil {
				return result{}, nil, err
			}
		}
		w.dirs[dir] = true
	}
	res, pending, err := s.transfer(ctx, w.sess, it, p)
	w.used = time.Now()
	return res, pending, err
}

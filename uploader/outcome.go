package uploader

import (
	"context"
	"errors"

	"exchange/transport"
)

// outcome records how an attempt ended: sent (once in the history), paused,
// canceled, to be retried, or failed.
func (s *Service) outcome(w *worker, j *job, res result, err error) {
	interrupted, cause := j.ctx.Err() != nil, context.Cause(j.ctx)
	it := j.it
	s.mu.Lock()
	defer s.mu.Unlock()
	s.claims.release(it.rec)
	j.e.pace.done(it.rec.ID)
	it.running = false
	it.cancel(nil)
	it.cancel = nil

	if err == nil {
		s.succeedLocked(it, res)
		return
	}
	var journal *JournalError
	if errors.As(err, &journal) {
		je := journalError(journal, "the upload of "+it.name())
		s.journalFailedLocked(je, it)
		s.failWithoutJournalLocked(it, je)
		return
	}
	if cause == errJournal { // stopped by a failed journal write: its upload cannot be recorded
		s.failWithoutJournalLocked(it, journalError(s.state.journalErr, "the upload of "+it.name()))
		return
	}
	if interrupted {
		s.interruptedLocked(it, cause)
		return
	}
	var limit *connectionLimitError
	if errors.As(err, &limit) && s.pacedLocked(w, j) {
		return
	}
	class := classOf(err)
	if class == transport.ClassRetryable && it.attempt <= j.e.p.MaxRetries {
		s.retryLaterLocked(w, it, err)
		return
	}
	if (class == transport.ClassAuth || class == transport.ClassTLS) && j.e.gen == j.gen {
		j.e.broken = err // the same login would fail for every other file: stop trying it
	}
	if class != transport.ClassRetryable {
		w.drop()
	}
	s.failLocked(it, err)
}

// interruptedLocked records an attempt stopped by a pause, a cancel, a
// removal or the service closing.
func (s *Service) interruptedLocked(it *item, cause error) {
	switch cause {
	case errPaused:
		it.attempt--
		s.emitItem(it, Event{Kind: EventWaiting, Note: "paused"})
	case errCanceled, errRemoved:
		id := it.rec.ID
		s.checkedWrite(it, stopWhat(cause, it), func() error { return s.journal.finish(onDisk, id, nil) })
		s.finishLocked(it, cause)
	default: // closing: the journal keeps the item for next time
	}
}

// retryLaterLocked schedules the next attempt after a retryable failure.
func (s *Service) retryLaterLocked(w *worker, it *item, err error) {
	wait := s.opts.Backoff(it.attempt + 1)
	it.notBefore = s.now().Add(wait)
	w.drop() // the connection may be in any state: start the next attempt afresh
	class, hint := classify(err)
	s.emitItem(it, Event{Kind: EventRetrying, Attempt: it.attempt, RetryIn: wait, Err: err.Error(),
		ErrClass: class.String(), Hint: retryHint(hint)})
	s.signal()
}

package uploader

import (
	"errors"
)

// errJournal interrupts the running uploads when the journal cannot be written.
var errJournal = errors.New("the journal cannot be written")

// succeedLocked records a file that arrived (or was skipped by the existing
// file policy) in the history, and reports it only once that is on disk: a
// file reported sent is in the history, even if the process dies right after
// the report (a closed pipe, a kill). The worker goes on meanwhile; the item
// stays unfinished until the commit.
func (s *Service) succeedLocked(it *item, res result) {
	h := HistoryEntry{Path: it.rec.Path, SHA256: it.rec.SHA256, Size: it.rec.Size,
		Profile: it.rec.Profile, RemotePath: res.remote, Added: it.rec.Added, Started: it.started,
		Attempts: it.attempt, Note: res.note, Outcome: OutcomeSent}
	if res.skipped {
		h.Outcome = OutcomeSkipped
	}
	it.committing, it.tempMayExist = true, false
	s.chainWrite(it, func() error {
		h.Finished = s.now()
		return s.journal.finish(onDisk, it.rec.ID, &h)
	}, func(err error) {
		it.committing = false
		if err != nil {
			je := journalError(err, "the upload of "+it.name())
			s.journalFailedLocked(je, it) // fails the others
			s.failWithoutJournalLocked(it, je)
			return
		}
		s.reportSuccessLocked(it, h)
		if it.removeAfterCommit {
			s.finishLocked(it, errRemoved)
		}
	})
}

// reportSuccessLocked reports a success that is in the history.
func (s *Service) reportSuccessLocked(it *item, h HistoryEntry) {
	if h.Outcome == OutcomeSkipped {
		s.batch.skipped++
		s.emitItem(it, Event{Kind: EventSkipped, RemotePath: h.RemotePath, Note: h.Note})
		s.checkBatchDoneLocked()
		return
	}
	s.sent[sentKey{h.Profile, h.SHA256}] = sentRecord{path: h.Path, remote: h.RemotePath, finished: h.Finished}
	it.remote = h.RemotePath
	s.batch.sent++
	s.emitItem(it, Event{Kind: EventDone, RemotePath: h.RemotePath, Duration: h.Finished.Sub(it.started),
		Total: it.rec.Size, Attempt: it.attempt, Note: h.Note})
	s.checkBatchDoneLocked()
}

// checkedWrite runs a journal write of it off the caller's lock, after the
// earlier writes of it, and stops the batch if it fails: an outcome the
// journal does not hold would come back wrong after a restart (a failed file
// resumed as new, a cancel undone). what names the change for the person
// ("the cancel of a.al3"). Callers hold s.mu.
func (s *Service) checkedWrite(it *item, what string, write func() error) {
	s.chainWrite(it, write, func(err error) {
		if err != nil {
			s.recordLostLocked(it, journalError(err, what))
		}
	})
}

// recordLostLocked stops the batch for a write of it that failed and says
// what was lost: the journal-failed event names it, or a second one does
// when the batch had stopped already (a cancel that was not recorded comes
// back at the next start: the person must know).
func (s *Service) recordLostLocked(it *item, je *JournalError) {
	if s.journalFailedLocked(je, it) {
		return
	}
	class, hint := classify(je)
	s.emit(Event{Kind: EventJournalFailed, Path: it.rec.Path, Profile: it.rec.Profile,
		Err: je.Error(), ErrClass: class.String(), Hint: hint})
}

// chainWrite runs write off the caller's lock, after the earlier writes of
// it (so that one file's records land in order), then after with its error
// under s.mu. Callers hold s.mu.
func (s *Service) chainWrite(it *item, write func() error, after func(err error)) {
	prev, done := it.writes, make(chan struct{})
	it.writes = done
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(done)
		if prev != nil {
			<-prev
		}
		err := write()
		s.mu.Lock()
		defer s.mu.Unlock()
		after(err)
	}()
}

// writesDone returns when the journal writes of it queued so far have ended.
func (s *Service) writesDone(it *item) {
	s.mu.Lock()
	pending := it.writes
	s.mu.Unlock()
	if pending != nil {
		<-pending
	}
}

// journalFailedLocked stops the batch after a failed journal write: it says
// so in an EventJournalFailed (what could not be recorded, and why), running
// uploads are interrupted and every unfinished file fails with the journal's
// error; nothing more is sent until the service is started again.
// own, when not nil, is the item whose write failed: it fails with err
// itself, which says what could not be recorded. It reports whether it
// stopped the batch (false: it had stopped already).
func (s *Service) journalFailedLocked(err error, own *item) bool {
	if s.state.journalErr != nil {
		return false
	}
	first := journalError(err, "")
	je := &JournalError{Err: first.Err} // what the other files fail with
	s.state.journalErr = je
	class, hint := classify(first)
	s.emit(Event{Kind: EventJournalFailed, Err: first.Error(), ErrClass: class.String(), Hint: hint})
	for _, id := range s.list.order {
		it := s.list.items[id]
		switch {
		case it == nil || it.kind.terminal() || it.committing:
		case it == own:
			s.failWithoutJournalLocked(it, first)
		case it.running:
			it.cancel(errJournal) // the worker fails it when the transfer has stopped
		default:
			s.failWithoutJournalLocked(it, je)
		}
	}
	s.signal()
	return true
}

// failWithoutJournalLocked reports a final failure that cannot be recorded.
func (s *Service) failWithoutJournalLocked(it *item, err error) {
	if it.kind.terminal() {
		return // failed already, by journalFailedLocked
	}
	class, hint := classify(err)
	s.batch.failed++
	s.emitItem(it, Event{Kind: EventFailed, Attempt: it.attempt, Err: err.Error(), ErrClass: class.String(), Hint: hint})
	s.checkBatchDoneLocked()
}

// watchJournal stops the batch when a journal write fails, whoever made it:
// a write nobody waits for (the start of an upload, a history entry on its
// way) reports its failure only through the journal's Err.
func (s *Service) watchJournal() {
	defer s.wg.Done()
	select {
	case <-s.journal.failed:
		s.mu.Lock()
		defer s.mu.Unlock()
		if !s.state.closed {
			s.journalFailedLocked(s.journal.Err(), nil)
		}
	case <-s.ctx.Done():
	}
}

// JournalErr returns the failed journal write that stopped the batch, or nil.
// The command line exits with an error when it is set.
func (s *Service) JournalErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state.journalErr == nil {
		return nil
	}
	return s.state.journalErr
}

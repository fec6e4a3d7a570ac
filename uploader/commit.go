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
			s.journalFailedLocked(err) // fails the others
			s.failWithoutJournalLocked(it, s.state.journalErr)
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
// resumed as new, a cancel undone). Callers hold s.mu.
func (s *Service) checkedWrite(it *item, write func() error) {
	s.chainWrite(it, write, func(err error) {
		if err != nil {
			s.journalFailedLocked(err)
		}
	})
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

// journalFailedLocked stops the batch after a failed journal write: running
// uploads are interrupted and every unfinished file fails with the journal's
// error; nothing more is sent until the service is started again.
func (s *Service) journalFailedLocked(err error) {
	if s.state.journalErr != nil {
		return
	}
	var je *JournalError
	if !errors.As(err, &je) {
		je = &JournalError{Err: err}
	}
	s.state.journalErr = je
	for _, id := range s.list.order {
		it := s.list.items[id]
		switch {
		case it == nil || it.kind.terminal() || it.committing:
		case it.running:
			it.cancel(errJournal) // the worker fails it when the transfer has stopped
		default:
			s.failWithoutJournalLocked(it, je)
		}
	}
	s.signal()
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

package uploader

import (
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"time"

	"exchange/profile"
	"exchange/transport"
	"exchange/validate/report"
)

// queueValidationLocked puts it in the validation queue and starts a validator
// goroutine when fewer than Options.Validators run.
func (s *Service) queueValidationLocked(it *item) {
	s.pool.validateQ = append(s.pool.validateQ, it)
	if s.pool.validators < s.opts.Validators && !s.state.closed {
		s.pool.validators++
		s.wg.Add(1)
		go s.validator()
	}
}

func (s *Service) validator() {
	defer s.wg.Done()
	for {
		s.mu.Lock()
		if len(s.pool.validateQ) == 0 || s.state.closed {
			s.pool.validators--
			s.mu.Unlock()
			return
		}
		it := s.pool.validateQ[0]
		s.pool.validateQ = s.pool.validateQ[1:]
		if s.state.journalErr != nil || it.kind.terminal() && it.kind != EventInvalid && it.kind != EventFailed { // canceled or removed while queued, or failed with the journal
			s.mu.Unlock()
			continue
		}
		p := s.profiles.byName[it.rec.Profile].p // copied under the lock: SetProfile replaces it
		rec := it.rec
		s.emitItem(it, Event{Kind: EventValidating})
		s.mu.Unlock()
		s.validateItem(it, rec, p)
	}
}

type checkedFile struct {
	state  fileState
	sha256 string
	report *report.Report
	err    error
}

// parallelHashFrom is the size from which a file is read once for both the
// validator and the hash, which runs on a goroutine of its own (sharedRead);
// a smaller one is hashed first (a few microseconds, less than handing the
// work to another thread).
const parallelHashFrom = 1 << 20

// check opens the file once, validates it and hashes it (a large file from
// one read, on two cores: see sharedRead).
func (s *Service) check(path string, p profile.Profile) checkedFile {
	var c checkedFile
	f, state, err := openWhenReleased(s.ctx, path)
	if err != nil {
		c.err = err
		return c
	}
	defer f.Close()
	c.state = state
	var rep *report.Report
	if state.Size < parallelHashFrom {
		if c.sha256, err = hashReader(f, state.Size, "sha256"); err == nil {
			rep, err = s.opts.Validate(s.ctx, f, path, state.Size, p)
		}
	} else {
		shared := newSharedRead(f, state.Size, sha256.New())
		if rep, err = s.opts.Validate(s.ctx, shared, path, state.Size, p); err == nil {
			c.sha256, err = shared.Sum()
		} else {
			shared.Abandon()
		}
	}
	if err != nil {
		c.err = localErr("check the file", err)
		return c
	}
	c.report = rep
	// A file that changed while it was read is checked again next time it is added.
	if after, err := statFile(path); err != nil || after != c.state {
		c.err = localErr("check the file", fmt.Errorf("%s changed while it was being checked", path))
	}
	return c
}

// validateItem runs the checks on one file, then decides: invalid, skipped as
// a duplicate, or waiting for a worker.
func (s *Service) validateItem(it *item, rec journalItem, p profile.Profile) {
	c := s.checkNamesAndContent(rec, p)
	var dup *HistoryEntry
	if c.err == nil && c.report != nil && c.report.Valid && !rec.SendDuplicate && rec.State != stateRenaming {
		dup = s.lastSent(p.Name, c.sha256)
	}
	send := dup == nil || s.sendDuplicate(rec, p, dup)

	s.mu.Lock()
	defer s.mu.Unlock()
	if it.kind != EventValidating || s.state.closed { // canceled, removed or closing meanwhile
		return
	}
	it.report = c.report
	switch {
	case c.err != nil:
		s.failLocked(it, c.err)
	case s.state.journalErr != nil:
		s.failWithoutJournalLocked(it, s.state.journalErr)
	case !c.report.Valid || (p.RejectWarnings && c.report.WarningCount() > 0):
		s.invalidLocked(it, rec, c, p)
	case dup != nil && !send:
		s.checkedWrite(it, "the skip of "+it.name(), func() error { return s.journal.finish(onDisk, rec.ID, nil) }) // perhaps a person's answer
		s.batch.skipped++
		s.emitItem(it, Event{Kind: EventSkipped, Report: c.report, RemotePath: dup.RemotePath, Size: c.state.Size, SHA256: c.sha256,
			Note: "already sent on " + dup.Finished.Local().Format("2006-01-02 15:04") + " as " + dup.RemotePath})
		s.checkBatchDoneLocked()
	default:
		s.readyLocked(it, c, p, dup)
	}
}

// checkNamesAndContent refuses a name no FTP server can take, then checks
// and hashes the file.
func (s *Service) checkNamesAndContent(rec journalItem, p profile.Profile) checkedFile {
	name := filepath.Base(rec.Path)
	if err := transport.CheckName(name); err != nil {
		return checkedFile{err: &NameError{Name: name, Err: err}}
	}
	if err := transport.CheckName(TempName(p.TempPattern, name)); err != nil {
		return checkedFile{err: &NameError{Name: name, Err: err}}
	}
	return s.check(rec.Path, p)
}

// sendDuplicate says whether content already sent to the profile is sent
// again: the profile's policy, or the person's answer.
func (s *Service) sendDuplicate(rec journalItem, p profile.Profile, dup *HistoryEntry) bool {
	switch p.Duplicates {
	case profile.DuplicateSend:
		return true
	case profile.DuplicateSkip:
		return false
	}
	return s.opts.DecideDuplicate != nil && s.opts.DecideDuplicate(s.ctx, Duplicate{
		Item: rec.ID, Path: rec.Path, Profile: p.Name, SentAt: dup.Finished, SentPath: dup.Path, RemotePath: dup.RemotePath})
}

// invalidLocked records a file that validation (or the profile's refusal of
// warnings) keeps from being sent.
func (s *Service) invalidLocked(it *item, rec journalItem, c checkedFile, p profile.Profile) {
	note := invalidNote(c.report.Valid, c.report.ErrorCount(), c.report.WarningCount())
	h := &HistoryEntry{Path: rec.Path, SHA256: c.sha256, Size: c.state.Size,
		Profile: rec.Profile, Added: rec.Added, Finished: s.now(), Outcome: OutcomeInvalid, Note: note}
	s.checkedWrite(it, "the check of "+it.name(), func() error { return s.journal.finish(onDisk, rec.ID, h) })
	s.batch.invalid++
	s.emitItem(it, Event{Kind: EventInvalid, Report: c.report, Note: note, Size: c.state.Size, SHA256: c.sha256})
	s.checkBatchDoneLocked()
}

// readyLocked makes a checked file wait for a worker.
func (s *Service) readyLocked(it *item, c checkedFile, p profile.Profile, dup *HistoryEntry) {
	// The temporary file on the server is only worth resuming if it holds this content.
	if it.rec.UploadSHA256 != "" && it.rec.UploadSHA256 != c.sha256 {
		it.rec.UploadSHA256 = ""
	}
	if dup != nil {
		it.rec.SendDuplicate = true
	}
	it.rec.Size, it.rec.ModTime, it.rec.SHA256 = c.state.Size, c.state.ModTime, c.sha256
	if it.rec.TempName == "" {
		it.rec.TempName = TempName(p.TempPattern, filepath.Base(it.rec.Path))
	}
	if it.rec.State == stateQueued {
		it.rec.State = stateWaiting // in memory only: after a crash the file is checked again anyway
	}
	note := ""
	if dup != nil {
		note = "already sent on " + dup.Finished.Local().Format("2006-01-02 15:04") + "; sending again"
	}
	s.emitItem(it, Event{Kind: EventWaiting, Report: c.report, Total: c.state.Size, Note: note})
	s.signal()
}

// sentRecord is what the duplicate check needs of a file this service sent:
// the journal has the whole history entry, and these stay for the service's
// life (one per file sent), so they are kept small.
type sentRecord struct {
	path, remote string
	finished     time.Time
}

// lastSent finds an earlier send of this content to this profile: first among
// the files this service sent, then in the journal's history.
func (s *Service) lastSent(prof, sha string) *HistoryEntry {
	s.mu.Lock()
	r, ok := s.sent[sentKey{prof, sha}]
	s.mu.Unlock()
	if ok {
		return &HistoryEntry{Path: r.path, SHA256: sha, Profile: prof, RemotePath: r.remote, Finished: r.finished, Outcome: OutcomeSent}
	}
	if h, found, err := s.journal.lastSentCommitted(prof, sha); err == nil && found {
		return &h
	}
	return nil
}

// failLocked records a final failure of it.
func (s *Service) failLocked(it *item, err error) {
	class, hint := classify(err)
	hint = finalHint(hint, class, it.attempt)
	id, h := it.rec.ID, &HistoryEntry{Path: it.rec.Path, SHA256: it.rec.SHA256, Size: it.rec.Size,
		Profile: it.rec.Profile, Added: it.rec.Added, Started: it.started, Finished: s.now(), Outcome: OutcomeFailed,
		Attempts: it.attempt, Note: err.Error()}
	if it.leftover != "" {
		h.Note += "; " + it.leftover
	}
	s.checkedWrite(it, "the failure of "+it.name(), func() error { return s.journal.finish(onDisk, id, h) })
	s.batch.failed++
	s.emitItem(it, Event{Kind: EventFailed, Attempt: it.attempt, Err: err.Error(), ErrClass: class.String(), Hint: hint, Note: it.leftover})
	s.checkBatchDoneLocked()
}

package uploader

import (
	"context"
	"errors"
	"fmt"
	"time"

	"exchange/transport"
)

// leftoverTimeout bounds the removal of a temporary file when its item ends
// for good: one network wait of a fresh session, and the whole removal twice
// that. A removal that fails is reported, not retried.
const leftoverTimeout = 10 * time.Second

// endsForGood reports whether an attempt that failed with err is the item's
// last: its queue record then leaves the journal, and a temporary file it
// left on the server would be an orphan. A pause or a shutdown keeps the item
// (and its temporary file) to be resumed; so does a journal that cannot be
// written, whose record stays for the next start.
func endsForGood(ctx context.Context, err error, attempt, maxRetries int) bool {
	var journal *JournalError
	var limit *connectionLimitError
	if errors.As(err, &journal) || errors.As(err, &limit) {
		return false // a refused connection: the file waits (pacer.go), or no session could remove it
	}
	if ctx.Err() != nil {
		cause := context.Cause(ctx)
		return cause == errCanceled || cause == errRemoved
	}
	switch classOf(err) {
	case transport.ClassRetryable:
		return attempt > maxRetries
	case transport.ClassAuth, transport.ClassTLS:
		return false // no session could remove it anyway
	}
	return true
}

// removeLeftover deletes the temporary file of it from the server, on the
// worker's session when it still works, else on a fresh one. It returns a
// sentence for the clerk when the file could not be removed, "" otherwise
// (removed, or not there).
func (s *Service) removeLeftover(w *worker, it *item, e *profileEntry) string {
	s.mu.Lock()
	rec, p, password := it.rec, e.p, e.password
	s.mu.Unlock()
	temp, err := transport.JoinRemote(rec.RemoteDir, rec.TempName)
	if err != nil || rec.TempName == "" {
		return ""
	}
	if w != nil && w.sess != nil {
		err = deleteIfThere(w.sess, temp)
		if err == nil {
			return ""
		}
		if classOf(err) != transport.ClassRetryable {
			return leftoverNote(temp, err)
		}
		w.drop() // the session broke: try on a fresh one
	}
	ctx, cancel := context.WithTimeout(s.ctx, 2*leftoverTimeout)
	defer cancel()
	cfg, err := p.ClientConfig(password)
	if err != nil {
		return leftoverNote(temp, err)
	}
	if s.opts.Configure != nil {
		s.opts.Configure(ctx, p, &cfg)
	}
	cfg.Timeout, cfg.FinishTimeout = leftoverTimeout, leftoverTimeout
	sess, err := s.opts.Dial(ctx, cfg)
	if err != nil {
		return leftoverNote(temp, err)
	}
	defer sess.Quit()
	if err := deleteIfThere(sess, temp); err != nil {
		return leftoverNote(temp, err)
	}
	return ""
}

// deleteIfThere deletes path; a file that is not there is no failure.
func deleteIfThere(sess transport.Session, path string) error {
	err := sess.Delete(path)
	if err == nil {
		return nil
	}
	if _, exists, serr := transport.SizeIfExists(sess, path); serr == nil && !exists {
		return nil
	}
	return err
}

func leftoverNote(temp string, err error) string {
	return fmt.Sprintf("the temporary file %s could not be removed from the server (%v): remove it by hand", temp, err)
}

// removeLeftoverLater removes the temporary file of an item that ended for
// good while no worker had it (canceled or removed while waiting for a
// retry). The temporary name stays claimed meanwhile, so that no upload to it
// starts before the removal is over. A failure is reported as an
// EventLeftover. Callers hold s.mu.
func (s *Service) removeLeftoverLater(it *item) {
	e := s.profiles.byName[it.rec.Profile]
	if !it.tempMayExist || e == nil {
		return
	}
	key := it.rec.tempKey()
	if _, taken := s.claims.temp[key]; taken {
		return // an upload to that name is under way
	}
	s.claims.temp[key] = "removing " + it.rec.ID
	it.tempMayExist = false
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		note := s.removeLeftover(nil, it, e)
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.claims.temp, key)
		if note != "" {
			it.tempMayExist = true
			// No Item: the item itself does not change (a list would otherwise
			// take the event for its new state, or bring back a removed row).
			s.emit(Event{Kind: EventLeftover, Path: it.rec.Path, Profile: it.rec.Profile, Note: note})
		}
		s.signal()
	}()
}

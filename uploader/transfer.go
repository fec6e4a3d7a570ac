package uploader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"exchange/internal/units"
	"exchange/profile"
	"exchange/transport/ftpclient"
)

// result is how a transfer that did not fail ended.
type result struct {
	remote  string
	skipped bool // the existing-file policy said skip
	note    string
}

var errFileChanged = errors.New("the file changed after it was checked")

// resumeThreshold is the size from which an interrupted upload is worth
// resuming: the journal records the upload's start only for such files.
const resumeThreshold = 1 << 20

// verifyError is a size or hash mismatch after the upload: retryable, from scratch.
type verifyError struct{ msg string }

func (e *verifyError) Error() string { return e.msg }

// transfer sends one file: under its temporary name (resuming a temporary file
// this content left earlier), checks size and hash, then renames it to its
// final name. A file never appears under its final name before it is complete.
func (s *Service) transfer(ctx context.Context, sess ftpclient.Session, it *item, p profile.Profile) (result, *pendingRename, error) {
	s.mu.Lock()
	rec := it.rec
	s.mu.Unlock()
	name := filepath.Base(rec.Path)
	temp, err := ftpclient.JoinRemote(rec.RemoteDir, rec.TempName)
	if err != nil {
		return result{}, nil, err
	}

	if rec.State == stateRenaming && rec.FinalName != "" {
		done, remote, err := s.finishInterruptedRename(sess, rec, temp)
		if err != nil || done {
			return result{remote: remote, note: "completed after an interruption"}, nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return result{}, nil, context.Cause(ctx)
	}

	f, state, err := openRegular(rec.Path)
	if err != nil {
		return result{}, nil, err
	}
	defer f.Close()
	if err := sameAsChecked(rec, state); err != nil {
		return result{}, nil, err
	}

	var offset int64
	if rec.UploadSHA256 != "" && rec.UploadSHA256 == rec.SHA256 {
		size, exists, err := remoteSize(sess, temp)
		if err != nil {
			return result{}, nil, err
		}
		if exists && size <= rec.Size {
			offset = size
		}
	}
	if offset == 0 || rec.State != stateUploading {
		rec.State, rec.UploadSHA256 = stateUploading, rec.SHA256
		// Recorded for files worth resuming; a small one is simply sent again.
		if rec.Size >= resumeThreshold {
			s.saveRec(it, rec, whenConvenient)
		} else {
			s.mu.Lock()
			it.rec = rec
			s.mu.Unlock()
		}
	}

	s.mu.Lock()
	it.tempMayExist = true
	s.mu.Unlock()
	sent, err := s.send(ctx, sess, it, f, temp, offset, rec.Size)
	if err == nil && sent != rec.SHA256 {
		// Edited in place since the check, its modification time put back:
		// what went out is not what was checked.
		_ = sess.Delete(temp)
		return result{}, nil, localErr(name, errFileChanged)
	}
	if err != nil {
		if cause := context.Cause(ctx); ctx.Err() != nil {
			if cause == errCanceled || cause == errRemoved {
				_ = sess.Delete(temp)
			}
			return result{}, nil, cause
		}
		return result{}, nil, err
	}

	s.mu.Lock()
	s.emitItem(it, Event{Kind: EventVerifying, Bytes: rec.Size, Total: rec.Size})
	s.mu.Unlock()

	final, exists, err := s.chooseFinal(sess, it, rec, name, p.Exists)
	if err != nil {
		return result{}, nil, err
	}
	if exists && p.Exists == profile.Skip {
		_ = sess.Delete(temp)
		return result{remote: final, skipped: true,
			note: fmt.Sprintf("a file named %s is already on the server (the profile says skip)", name)}, nil, nil
	}
	// The chosen name must be on disk before the rename, so that after a crash
	// the next run knows where the file went. The commit runs while the
	// temporary file is verified.
	rec.State, rec.FinalName = stateRenaming, filepath.Base(final)
	durable := s.saveRecAsync(it, rec)
	verr := s.verify(sess, rec, temp)
	if verr == nil {
		verr = checkUnchanged(rec)
	}
	if verr != nil {
		<-durable // the next record must not be overtaken by this one
		var mismatch *verifyError
		if errors.As(verr, &mismatch) || errors.Is(verr, errFileChanged) {
			rec.State, rec.FinalName, rec.UploadSHA256 = stateUploading, "", "" // start over next time
			s.saveRec(it, rec, soon)                                            // the final name it replaces must not outlive the temporary file
			_ = sess.Delete(temp)
		}
		return result{}, nil, verr
	}
	return result{}, &pendingRename{temp: temp, final: final, exists: exists, policy: p.Exists, offset: offset, durable: durable}, nil
}

// pendingRename is a verified temporary file waiting for its final name to be
// on disk in the journal before the rename.
type pendingRename struct {
	temp, final string
	exists      bool
	policy      profile.ExistsPolicy
	offset      int64
	durable     <-chan error
	durableErr  error
	done        bool

	ctx context.Context
	it  *item
	e   *profileEntry
	gen int
}

// ready reports, without waiting, whether the journal commit is done.
func (p *pendingRename) ready() bool {
	if p.done {
		return true
	}
	select {
	case p.durableErr = <-p.durable:
		p.done = true
	default:
	}
	return p.done
}

func (p *pendingRename) waitDurable() error {
	if !p.done {
		p.durableErr = <-p.durable
		p.done = true
	}
	return p.durableErr
}

// rename completes a pending rename. A pause or shutdown does not stop it (the
// file is complete); a cancel deletes the temporary file instead.
func (s *Service) rename(sess ftpclient.Session, p *pendingRename) (result, error) {
	if err := p.waitDurable(); err != nil {
		return result{}, &JournalError{Err: err}
	}
	if cause := context.Cause(p.ctx); p.ctx.Err() != nil && (cause == errCanceled || cause == errRemoved) {
		if sess != nil {
			_ = sess.Delete(p.temp)
		}
		return result{}, cause
	}
	if sess == nil {
		return result{}, &ftpclient.Error{Op: "RNFR " + p.temp, Class: ftpclient.ClassRetryable, Err: errors.New("connection closed")}
	}
	err := sess.Rename(p.temp, p.final)
	if err != nil && p.exists && p.policy == profile.Overwrite && ftpclient.ClassOf(err) == ftpclient.ClassPermanent {
		// Some servers refuse to rename onto an existing file.
		if derr := sess.Delete(p.final); derr == nil {
			err = sess.Rename(p.temp, p.final)
		}
	}
	if err != nil {
		return result{}, err
	}
	note := ""
	if p.offset > 0 {
		note = fmt.Sprintf("resumed at %s", units.Bytes(p.offset))
	}
	if p.exists && p.policy == profile.Overwrite {
		note = strings.TrimPrefix(note+"; replaced the file already on the server", "; ")
	}
	return result{remote: p.final, note: note}, nil
}

// send uploads the file from offset, with REST (Store) and APPE as fallback,
// and returns the SHA-256 of the whole file as sent (the prefix below offset
// read from the local file again).
func (s *Service) send(ctx context.Context, sess ftpclient.Session, it *item, f *os.File, temp string, offset, total int64) (string, error) {
	note := ""
	if offset > 0 {
		note = "resuming at " + units.Bytes(offset)
	}
	report := func(bytes, total int64, rate float64, eta time.Duration) {
		s.mu.Lock()
		s.emitItem(it, Event{Kind: EventUploading, Bytes: bytes, Total: total, Rate: rate, ETA: eta})
		s.mu.Unlock()
	}
	s.mu.Lock()
	s.emitItem(it, Event{Kind: EventUploading, Bytes: offset, Total: total, Note: note})
	s.mu.Unlock()
	var sent *sentHash
	reader := func() (io.Reader, error) {
		var err error
		if sent, err = newSentHash(f, offset); err != nil {
			return nil, err
		}
		return newProgressReader(ctx, s.throttled(ctx, it, sent), offset, total, s.now, report), nil
	}
	if offset >= total && offset > 0 {
		// The temporary file is complete already.
		if _, err := reader(); err != nil {
			return "", err
		}
		return sent.sum(), nil
	}
	r, err := reader()
	if err != nil {
		return "", err
	}
	if offset == 0 {
		return sent.result(sess.Store(temp, r, 0))
	}
	err = sess.Store(temp, r, offset)
	if err == nil || ctx.Err() != nil || !restRefused(err) {
		return sent.result(err)
	}
	if r, err = reader(); err != nil {
		return "", err
	}
	if err = sess.Append(temp, r); err == nil || ctx.Err() != nil || ftpclient.ClassOf(err) != ftpclient.ClassPermanent {
		return sent.result(err)
	}
	// Neither REST nor APPE: send the whole file again.
	offset = 0
	if r, err = reader(); err != nil {
		return "", err
	}
	return sent.result(sess.Store(temp, r, 0))
}

// restRefused tells a refused REST (the server cannot resume) from other failures.
func restRefused(err error) bool {
	var fe *ftpclient.Error
	if !errors.As(err, &fe) {
		return false
	}
	if strings.HasPrefix(strings.ToUpper(fe.Op), "REST") {
		return true
	}
	switch fe.Code {
	case 500, 501, 502, 504, 554:
		return true
	}
	return false
}

// verify checks the size of the temporary file, and its hash when the server offers one.
func (s *Service) verify(sess ftpclient.Session, rec journalItem, temp string) error {
	size, exists, err := remoteSize(sess, temp)
	if err != nil {
		return err
	}
	if !exists || size != rec.Size {
		return &verifyError{fmt.Sprintf("verify %s: the server has %d bytes, the local file %d", temp, size, rec.Size)}
	}
	algo, sum, err := sess.Hash(temp)
	if err != nil {
		var fe *ftpclient.Error
		if errors.Is(err, ftpclient.ErrNotSupported) || errors.As(err, &fe) && fe.Code != 0 {
			return nil // no usable hash command: the size check stands
		}
		return err // the connection failed
	}
	local := rec.SHA256
	if h, _ := newHash(algo); h == nil {
		return nil
	} else if !strings.EqualFold(strings.ReplaceAll(algo, "-", ""), "sha256") {
		if local, err = hashFile(rec.Path, algo); err != nil {
			return err
		}
	}
	if !strings.EqualFold(local, sum) {
		return &verifyError{fmt.Sprintf("verify %s: the server's %s is %s, the local file's %s", temp, algo, sum, local)}
	}
	return nil
}

// chooseFinal picks the final remote path: the file's own name when free,
// otherwise according to the policy (keep both: "name (2).ext"...). A name
// chosen by another worker of this service counts as taken.
func (s *Service) chooseFinal(sess ftpclient.Session, it *item, rec journalItem, name string, policy profile.ExistsPolicy) (string, bool, error) {
	for n := 1; n < 10000; n++ {
		remote, err := ftpclient.JoinRemote(rec.RemoteDir, KeepBothName(name, n))
		if err != nil {
			return "", false, err
		}
		_, exists, err := remoteSize(sess, remote)
		if err != nil {
			return "", false, err
		}
		s.mu.Lock()
		owner, claimed := s.claimedFinal[remote]
		taken := exists || claimed && owner != rec.ID
		if !taken || policy != profile.KeepBoth {
			s.claimedFinal[remote] = rec.ID
			s.mu.Unlock()
			return remote, taken, nil
		}
		s.mu.Unlock()
	}
	return "", false, &ftpclient.Error{Op: "choose a name", Class: ftpclient.ClassPermanent,
		Err: fmt.Errorf("too many files named like %s on the server", name)}
}

// finishInterruptedRename handles an item whose rename was under way when an
// earlier run stopped: if the temporary file is gone and the final one has the
// right size, the rename happened.
func (s *Service) finishInterruptedRename(sess ftpclient.Session, rec journalItem, temp string) (bool, string, error) {
	final, err := ftpclient.JoinRemote(rec.RemoteDir, rec.FinalName)
	if err != nil {
		return false, "", err
	}
	_, tempExists, err := remoteSize(sess, temp)
	if err != nil || tempExists {
		return false, "", err
	}
	size, finalExists, err := remoteSize(sess, final)
	if err != nil {
		return false, "", err
	}
	return finalExists && size == rec.Size, final, nil
}

// remoteSize returns the size of a remote file, and false when it does not exist.
func remoteSize(sess ftpclient.Session, path string) (int64, bool, error) {
	size, err := sess.Size(path)
	if err == nil {
		return size, true, nil
	}
	var fe *ftpclient.Error
	if errors.As(err, &fe) && (fe.Code == 550 || fe.Code == 450 || fe.Code == 553) {
		return 0, false, nil
	}
	return 0, false, err
}

func checkUnchanged(rec journalItem) error {
	now, err := statFile(rec.Path)
	if err != nil {
		return err
	}
	return sameAsChecked(rec, now)
}

// sameAsChecked fails when a file's state is not the one it had when it was checked.
func sameAsChecked(rec journalItem, now fileState) error {
	if now.Size != rec.Size || !now.ModTime.Equal(rec.ModTime) {
		return localErr(filepath.Base(rec.Path), errFileChanged)
	}
	return nil
}

// saveRecAsync stores the item's journal record; the channel says when it is on disk.
func (s *Service) saveRecAsync(it *item, rec journalItem) <-chan error {
	s.mu.Lock()
	it.rec = rec
	s.mu.Unlock()
	return s.journal.putItemsAsync(rec)
}

// saveRec stores the item's journal record, on disk as soon as d says.
func (s *Service) saveRec(it *item, rec journalItem, d durability) error {
	s.mu.Lock()
	it.rec = rec
	s.mu.Unlock()
	return s.journal.putItems(d, rec)
}

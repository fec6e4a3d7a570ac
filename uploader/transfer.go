package uploader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"exchange/profile"
	"exchange/transport"
)

// A transfer is one attempt to carry one file to the server, on a session the
// worker opened (worker.go connects). Its trip, in the order run takes it:
//
//  1. finish an interrupted rename: an earlier run may have renamed already;
//  2. open the local file, which must be as it was checked;
//  3. decide where to start: a temporary file of this content is resumed;
//  4. upload under the temporary name, hashing what goes out;
//  5. choose the final name (keep both: "name (2).ext"; skip; overwrite);
//  6. verify size and hash while the final name goes to the journal;
//  7. rename, once the final name is on disk (rename.go; the worker calls it
//     when the journal's commit is done, uploading other files meanwhile);
//  8. record it in the history (the service, commit.go).
//
// It talks to the rest of the service only through its item's record (the
// journal), the item's events and the final names other files chose
// (transfer_host.go), so it can be tested without a Service.
type transfer struct {
	ctx    context.Context
	sess   transport.Session
	record itemRecord
	events itemEvents
	names  finalNames
	limits speedLimits // nil: no speed limit
	policy profile.ExistsPolicy
	now    func() time.Time

	rec    journalItem // the item's record, as this attempt changes it
	name   string      // the local file's base name
	temp   string      // the temporary remote path
	offset int64       // where the upload started (0, or where it resumed)
}

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

// run takes the file from its local folder to a verified temporary file on
// the server, and returns the rename that finishes it (or how it ended
// without one: completed by an earlier run, or skipped). A file never appears
// under its final name before it is complete.
func (t *transfer) run() (result, *pendingRename, error) {
	t.name = filepath.Base(t.rec.Path)
	temp, err := transport.JoinRemote(t.rec.RemoteDir, t.rec.TempName)
	if err != nil {
		return result{}, nil, err
	}
	t.temp = temp
	if done, res, err := t.finishInterruptedRename(); done || err != nil {
		return res, nil, err
	}
	if err := t.ctx.Err(); err != nil {
		return result{}, nil, context.Cause(t.ctx)
	}
	f, err := t.openUnchanged()
	if err != nil {
		return result{}, nil, err
	}
	defer f.Close()
	if err := t.decideStart(); err != nil {
		return result{}, nil, err
	}
	if err := t.upload(f); err != nil {
		return result{}, nil, err
	}
	t.events.report(Event{Kind: EventVerifying, Bytes: t.rec.Size, Total: t.rec.Size})
	final, exists, err := t.chooseFinal()
	if err != nil {
		return result{}, nil, err
	}
	if exists && t.policy == profile.Skip {
		_ = t.sess.Delete(t.temp)
		return result{remote: final, skipped: true,
			note: fmt.Sprintf("a file named %s is already on the server (the profile says skip)", t.name)}, nil, nil
	}
	pending, err := t.verifyWhileRecording(final, exists)
	return result{}, pending, err
}

// finishInterruptedRename (step 1) handles an item whose rename was under
// way when an earlier run stopped: if the temporary file is gone and the
// final one has the right size, the rename happened and done is true.
func (t *transfer) finishInterruptedRename() (done bool, res result, err error) {
	if t.rec.State != stateRenaming || t.rec.FinalName == "" {
		return false, result{}, nil
	}
	final, err := transport.JoinRemote(t.rec.RemoteDir, t.rec.FinalName)
	if err != nil {
		return false, result{}, err
	}
	res = result{remote: final, note: "completed after an interruption"}
	_, tempExists, err := transport.SizeIfExists(t.sess, t.temp)
	if err != nil || tempExists {
		return false, res, err
	}
	size, finalExists, err := transport.SizeIfExists(t.sess, final)
	if err != nil {
		return false, res, err
	}
	return finalExists && size == t.rec.Size, res, nil
}

// openUnchanged (step 2) opens the local file, refusing one that changed
// since it was checked.
func (t *transfer) openUnchanged() (*os.File, error) {
	f, state, err := openRegular(t.rec.Path)
	if err != nil {
		return nil, err
	}
	if err := sameAsChecked(t.rec, state); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// decideStart (step 3) resumes a temporary file that holds a prefix of this
// very content, and otherwise records that an upload of it begins.
func (t *transfer) decideStart() error {
	if t.rec.UploadSHA256 != "" && t.rec.UploadSHA256 == t.rec.SHA256 {
		size, exists, err := transport.SizeIfExists(t.sess, t.temp)
		if err != nil {
			return err
		}
		if exists && size <= t.rec.Size {
			t.offset = size
		}
	}
	if t.offset > 0 && t.rec.State == stateUploading {
		return nil
	}
	t.rec.State, t.rec.UploadSHA256 = stateUploading, t.rec.SHA256
	// Recorded for files worth resuming; a small one is simply sent again.
	if t.rec.Size >= resumeThreshold {
		if err := t.record.save(t.rec, whenConvenient); err != nil {
			return journalError(err, "the upload of "+t.name)
		}
	} else {
		t.record.keep(t.rec)
	}
	return nil
}

// upload (step 4) sends the file to its temporary name and checks that what
// went out is what was checked. A cancel deletes the temporary file; a pause
// or a shutdown leaves it to be resumed.
func (t *transfer) upload(f *os.File) error {
	t.record.uploadBegins()
	sent, err := t.send(f)
	if err == nil && sent != t.rec.SHA256 {
		// Edited in place since the check, its modification time put back:
		// what went out is not what was checked.
		_ = t.sess.Delete(t.temp)
		return localErr(t.name, errFileChanged)
	}
	if err != nil && t.ctx.Err() != nil {
		cause := context.Cause(t.ctx)
		if cause == errCanceled || cause == errRemoved {
			_ = t.sess.Delete(t.temp)
		}
		return cause
	}
	return err
}

// chooseFinal (step 5) picks the final remote path: the file's own name when
// free, otherwise according to the policy (keep both: "name (2).ext"...). A
// name another file of this service chose counts as taken. exists says the
// path returned is taken (overwrite, skip).
func (t *transfer) chooseFinal() (remote string, exists bool, err error) {
	keepBoth := t.policy == profile.KeepBoth
	for n := 1; n < 10000; n++ {
		remote, err := transport.JoinRemote(t.rec.RemoteDir, KeepBothName(t.name, n))
		if err != nil {
			return "", false, err
		}
		_, exists, err := transport.SizeIfExists(t.sess, remote)
		if err != nil {
			return "", false, err
		}
		if exists && keepBoth {
			continue
		}
		if heldByOther := t.names.claimFinal(remote, keepBoth); !heldByOther || !keepBoth {
			return remote, exists || heldByOther, nil
		}
	}
	return "", false, &transport.Error{Op: "choose a name", Kind: transport.ClassPermanent,
		Err: fmt.Errorf("too many files named like %s on the server", t.name)}
}

// verifyWhileRecording (step 6) records the chosen final name, so that after
// a crash the next run knows where the file went, and checks the temporary
// file meanwhile. It returns the rename, to be made once the name is on disk.
func (t *transfer) verifyWhileRecording(final string, exists bool) (*pendingRename, error) {
	t.rec.State, t.rec.FinalName = stateRenaming, filepath.Base(final)
	durable := t.record.saveAsync(t.rec)
	err := t.verify()
	if err == nil {
		err = checkUnchanged(t.rec)
	}
	if err != nil {
		<-durable // the next record must not be overtaken by this one
		var mismatch *verifyError
		if errors.As(err, &mismatch) || errors.Is(err, errFileChanged) {
			t.rec.State, t.rec.FinalName, t.rec.UploadSHA256 = stateUploading, "", "" // start over next time
			// The final name it replaces must not outlive the temporary file.
			serr := t.record.save(t.rec, soon)
			_ = t.sess.Delete(t.temp)
			if serr != nil {
				return nil, journalError(serr, "the upload of "+t.name)
			}
		}
		return nil, err
	}
	return &pendingRename{temp: t.temp, final: final, exists: exists, policy: t.policy,
		offset: t.offset, durable: durable}, nil
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

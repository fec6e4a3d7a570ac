package uploader

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"

	"exchange/transport"
)

// classOf is the class of classify: the transport's, and this package's own errors.
func classOf(err error) transport.Class {
	class, _ := classify(err)
	return class
}

// classify returns the class of err and one sentence for the clerk about
// what happened; whether Exchange tries again is said by retryHint or
// finalHint, where that is decided.
func classify(err error) (transport.Class, string) {
	var journal *JournalError
	if errors.As(err, &journal) {
		return transport.ClassPermanent, journal.Hint()
	}
	var name *NameError
	if errors.As(err, &name) {
		return transport.ClassPermanent, "Nothing was sent: this file name cannot be used on an FTP server. Rename the file and add it again."
	}
	if hint, ok := localDiskHint(err); ok {
		return transport.ClassPermanent, hint
	}
	var local *LocalError
	if errors.As(err, &local) {
		if errors.Is(err, errFileChanged) {
			return transport.ClassPermanent, "The file changed after it was checked. Add it again once it is complete."
		}
		return transport.ClassPermanent, "Exchange could not read the file on this PC. Check that it still exists and is not open in another program."
	}
	var mismatch *verifyError
	if errors.As(err, &mismatch) {
		return transport.ClassRetryable, "The file on the server did not match the local file. Exchange will send it again."
	}
	var classified transport.Classified
	if errors.As(err, &classified) {
		return classified.Class(), classified.Hint()
	}
	return transport.ClassOf(err), transport.HintOf(err)
}

// localDiskHint recognises a failing disk of this PC (full, read-only,
// input/output error), which no retry and no server can mend.
func localDiskHint(err error) (string, bool) {
	if transport.IsReply(err) {
		return "", false // a reply of the server, not this PC
	}
	switch {
	case diskFull(err):
		return "The disk of this PC is full. Free some space, then try again.", true
	case errors.Is(err, syscall.EROFS):
		return "The disk of this PC is read-only. Ask your IT support.", true
	case errors.Is(err, syscall.EIO):
		return "The disk of this PC reported an error (input/output error). Ask your IT support to check it.", true
	}
	return "", false
}

// retryHint is the hint of a failure that will be tried again.
func retryHint(hint string) string { return hint + " Exchange will try again." }

// finalHint is the hint of a failure after which no retry comes: for one
// that could have been retried, it says that Exchange gave up.
func finalHint(hint string, class transport.Class, attempts int) string {
	switch {
	case class != transport.ClassRetryable:
		return hint
	case attempts > 1:
		return fmt.Sprintf("%s Exchange gave up after %d attempts.", hint, attempts)
	}
	return hint + " Exchange gave up."
}

// NameError is a file name refused on this PC before anything was sent.
type NameError struct {
	Name string
	Err  error
}

func (e *NameError) Error() string {
	return fmt.Sprintf("file name %q cannot be sent (nothing was sent): %v", e.Name, e.Err)
}
func (e *NameError) Unwrap() error { return e.Err }

// JournalError is a failed write of the journal: the outcome of the batch can
// no longer be recorded, so the batch stops.
type JournalError struct {
	Err error
	// What could not be recorded ("the upload of a.al3", "the cancel of
	// b.al3"), or "" for the batch as a whole.
	What string
}

func (e *JournalError) Error() string {
	where, problem := "", ""
	var we *JournalWriteError
	if errors.As(e.Err, &we) {
		// The store's own error knows its file and SQLite's reason.
		where, problem = " in "+filepath.Dir(we.File), writeProblem(we.Err)
	} else {
		if dir := journalDir(e.Err); dir != "" {
			where = " in " + dir
		}
		problem = diskProblem(e.Err)
	}
	if e.What == "" {
		return "Exchange cannot write its journal" + where + ": " + problem
	}
	return "Exchange cannot record " + e.What + ": it cannot write its journal" + where + ": " + problem
}

// journalError is err as a JournalError about what (an error that is one
// already keeps its own What when it has one).
func journalError(err error, what string) *JournalError {
	var je *JournalError
	if errors.As(err, &je) {
		if je.What != "" || what == "" {
			return je
		}
		return &JournalError{Err: je.Err, What: what}
	}
	return &JournalError{Err: err, What: what}
}
func (e *JournalError) Unwrap() error { return e.Err }

// Hint says what to do about it.
func (e *JournalError) Hint() string {
	return "Exchange stopped the batch because it cannot record what it sends. Free some space on this PC's disk (or fix the disk), then start Exchange again; check the server for the files of this batch."
}

func journalDir(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != "" {
		return filepath.Dir(pe.Path)
	}
	return ""
}

func diskProblem(err error) string {
	switch {
	case diskFull(err):
		return "the disk is full"
	case errors.Is(err, syscall.EROFS):
		return "the disk is read-only"
	case errors.Is(err, syscall.EIO):
		return "the disk reported an input/output error"
	}
	return err.Error()
}

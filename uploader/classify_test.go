package uploader

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"exchange/transport"
)

// TestLocalDiskErrorsAreLocal: a full, read-only or failing disk of this PC
// is a permanent local problem, never "the network or the server had a
// problem" (issue 15 item 5); a server's own "no room" reply stays the server's.
func TestLocalDiskErrorsAreLocal(t *testing.T) {
	for _, c := range []struct {
		err       error
		class     transport.Class
		hintHas   string
		hintLacks string
	}{
		{&fs.PathError{Op: "write", Path: "/state/exchange.db", Err: syscall.ENOSPC}, transport.ClassPermanent, "disk of this PC is full", "network"},
		{localErr("read the file", &fs.PathError{Op: "read", Path: "/x", Err: syscall.EIO}), transport.ClassPermanent, "input/output", "network"},
		{&JournalError{Err: &fs.PathError{Op: "write", Path: "/state/exchange.db", Err: syscall.ENOSPC}}, transport.ClassPermanent, "cannot record", "network"},
		{&transport.Error{Op: "STOR x", Code: 552, Reply: "Quota exceeded", Kind: transport.ClassPermanent}, transport.ClassPermanent, "server has no room", "this PC"},
	} {
		class, hint := classify(c.err)
		if class != c.class || !strings.Contains(hint, c.hintHas) || strings.Contains(hint, c.hintLacks) {
			t.Errorf("classify(%v) = %s, %q; want %s, with %q, without %q", c.err, class, hint, c.class, c.hintHas, c.hintLacks)
		}
	}
	je := &JournalError{Err: &fs.PathError{Op: "write", Path: filepath.FromSlash("/state/exchange.db"), Err: syscall.ENOSPC}}
	if want := "Exchange cannot write its journal in " + filepath.FromSlash("/state") + ": the disk is full"; je.Error() != want {
		t.Errorf("JournalError = %q, want %q", je.Error(), want)
	}
	if !errors.Is(je, syscall.ENOSPC) {
		t.Error("JournalError does not unwrap to its cause")
	}
}

// TestFinalHintPromisesNoRetry: the hint of a final failure never says
// Exchange will try again (issue 15 item 12).
func TestFinalHintPromisesNoRetry(t *testing.T) {
	hint := finalHint("The network or the server had a problem.", transport.ClassRetryable, 6)
	if strings.Contains(hint, "will try again") || !strings.Contains(hint, "gave up after 6 attempts") {
		t.Errorf("finalHint = %q", hint)
	}
}

//go:build unix

package cli

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe with no writer used to block `exchange validate` for ever (the
// open waited for a writer); it must be refused at once, as upload does.
func TestValidateRefusesNamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "drop.al3")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := run("validate", fifo)
		done <- result{code, out, errOut}
	}()
	select {
	case r := <-done:
		if r.code != ExitUsage || !strings.Contains(r.stderr, "is not a regular file (it is a named pipe)") {
			t.Errorf("code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
		}
	case <-time.After(time.Minute): // generous: the refusal takes microseconds
		t.Fatal("exchange validate is still waiting on a named pipe after a minute")
	}
}

//go:build unix

package uploader

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe is a Unix thing: Windows has no Mkfifo.
func TestOpenRegularRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.al3")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{dir, fifo, filepath.Join(dir, "missing.al3")} {
		done := make(chan error, 1)
		go func() {
			f, _, err := openRegular(path)
			if f != nil {
				f.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			var local *LocalError
			if !errors.As(err, &local) {
				t.Errorf("openRegular(%s) = %v, want a LocalError", filepath.Base(path), err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("openRegular(%s) is still waiting: a named pipe must not block", filepath.Base(path))
		}
	}
}

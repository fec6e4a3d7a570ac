//go:build windows

package uploader

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOwnerLockIsExclusiveOnWindows: LockFileEx on one handle keeps a
// second handle (another process's, as far as Windows is concerned) out
// until it is released, which is how a live owner's queue stays its own.
func TestOwnerLockIsExclusiveOnWindows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "owner.lock")
	open := func() *os.File {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	first, second := open(), open()
	if ok, err := tryLockFile(first); !ok || err != nil {
		t.Fatalf("first lock: %v, %v", ok, err)
	}
	if ok, err := tryLockFile(second); ok || err != nil {
		t.Fatalf("second handle took a held lock: %v, %v", ok, err)
	}
	if err := unlockFile(first); err != nil {
		t.Fatal(err)
	}
	if ok, err := tryLockFile(second); !ok || err != nil {
		t.Fatalf("after release: %v, %v", ok, err)
	}
	// Closing the handle releases the lock as a process's end does.
	second.Close()
	if ok, err := tryLockFile(first); !ok || err != nil {
		t.Fatalf("after the holder's handle closed: %v, %v", ok, err)
	}
}

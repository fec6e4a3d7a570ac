package uploader_test

import (
	"errors"
	"os"
	"syscall"
	"testing"
)

// smallDisk mounts a tmpfs of the given size (as mount's size= option
// says it) on a new folder, for a full disk.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	// Not t.TempDir: its parent is private, and a server's user must reach it.
	dir, err := os.MkdirTemp("", "exchange-small-disk-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Remove(dir) })
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=755"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("mount a small tmpfs (needs root): %v", err)
		}
		t.Skipf("mount a small tmpfs (needs root): %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// fill writes to path until the disk is full.
func fill(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	buf = buf[:1]
	for { // the last blocks
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
}

//go:build unix

package uploader

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// tryLockFile takes an exclusive lock on f without waiting (flock). It
// reports false when another open file (in this process or another) holds
// it. The lock goes with the open file: closing f, or the process ending in
// any way (kill -9 included), releases it.
func tryLockFile(f *os.File) (bool, error) {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

// unlockFile releases a lock taken with tryLockFile.
func unlockFile(f *os.File) error {
	return unix.Flock(int(f.Fd()), unix.LOCK_UN)
}

// openLockFile opens an existing lock file for reading and writing.
func openLockFile(path string) (*os.File, error) { return os.OpenFile(path, os.O_RDWR, 0) }

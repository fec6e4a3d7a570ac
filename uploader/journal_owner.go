package uploader

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Several processes share one journal (the window, a scheduled `exchange
// upload`, `exchange history`). Each open journal is an owner: a random id
// whose lock file, in the folder exchange.db.owners, it keeps locked for as
// long as it is open. Queue items carry the id of the owner that queued them.
// The operating system releases the lock when the process ends in any way
// (kill -9, a crash, a power cut), so "the lock file is free or missing"
// means "the owner is gone" and its items may be taken up by another.

// ownersDir is the folder of the owners' lock files of journal file.
func ownersDir(file string) string { return file + ".owners" }

// owner is this journal's lease on its queue items.
type owner struct {
	id   string
	path string
	f    *os.File
}

// acquireOwner creates and locks a lock file under a new random id.
func acquireOwner(dir string) (*owner, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create journal owners folder: %w", err)
	}
	for range 20 {
		id := newOwnerID()
		path := filepath.Join(dir, id)
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("create journal owner file: %w", err)
		}
		locked, err := tryLockFile(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock journal owner file: %w", err)
		}
		// Another process that looks for gone owners may have locked the new
		// file for a moment, or removed it before the lock was taken: the
		// lock is then on a file nobody else can see. Try another id.
		if !locked || !stillNamed(f, path) {
			f.Close()
			continue
		}
		_, _ = fmt.Fprintf(f, "pid %d since %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339))
		return &owner{id: id, path: path, f: f}, nil
	}
	return nil, errors.New("lock journal owner file: no free id after 20 tries")
}

// stillNamed reports whether path names the open file f.
func stillNamed(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// release ends the lease: the owner's remaining items become free for the
// next process that starts.
func (o *owner) release() {
	if o == nil || o.f == nil {
		return
	}
	// Closed first: Windows does not remove a file that is open. A process
	// that looks for gone owners in between finds the file free and removes
	// it itself.
	_ = o.f.Close()
	_ = os.Remove(o.path)
	o.f = nil
}

func newOwnerID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// validOwnerID reports whether id has the form newOwnerID makes: an id read
// from a damaged store never names a path outside the owners folder.
func validOwnerID(id string) bool {
	if len(id) != 16 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil
}

// ownerGone reports whether the owner id no longer holds its lock: its
// process ended, or it closed the journal. A lock file found free is
// removed. An owner whose state cannot be told is taken as alive, so that a
// living process's items are never taken.
func ownerGone(dir, id string) bool {
	if !validOwnerID(id) {
		return true // items imported from the old journal, or a damaged id
	}
	path := filepath.Join(dir, id)
	f, err := openLockFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	if err != nil {
		return false
	}
	defer f.Close()
	locked, err := tryLockFile(f)
	if err != nil || !locked {
		return false
	}
	// Removed while locked, so the owner (were it starting just now) sees it.
	// (On Windows openLockFile shares deletion, or this handle would stop it.)
	_ = os.Remove(path)
	_ = unlockFile(f)
	return true
}

// othersAlive reports whether an owner other than self holds its lock.
func othersAlive(dir string, self *owner) bool {
	return sweepOwners(dir, self) > 0
}

// sweepOwners removes the lock files of gone owners (a killed `exchange
// history` leaves one that no queue item points to) and returns how many
// owners other than self are alive.
func sweepOwners(dir string, self *owner) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	alive := 0
	for _, e := range entries {
		if self != nil && e.Name() == self.id {
			continue
		}
		if validOwnerID(e.Name()) && !ownerGone(dir, e.Name()) {
			alive++
		}
	}
	return alive
}

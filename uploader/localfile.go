package uploader

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"strings"
	"syscall"
	"time"
)

// fileState is what tells whether a local file changed: size and modification time.
type fileState struct {
	Size    int64
	ModTime time.Time
}

// openRegular opens a file for reading, refusing anything but a regular file,
// and returns its state as of the open. O_NONBLOCK, which a regular file
// ignores, keeps the open of a named pipe from waiting for a writer, and
// spares the four fcntl calls with which Go otherwise sets non-blocking mode
// and, the file being regular, takes it back, on every open.
func openRegular(path string) (*os.File, fileState, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fileState{}, localErr("read the file", err)
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = fmt.Errorf("%s is not a regular file", path)
	}
	if err != nil {
		f.Close()
		return nil, fileState{}, localErr("read the file", err)
	}
	return f, fileState{Size: st.Size(), ModTime: st.ModTime()}, nil
}

func statFile(path string) (fileState, error) {
	st, err := os.Stat(path)
	if err != nil {
		return fileState{}, localErr("read the file", err)
	}
	if !st.Mode().IsRegular() {
		return fileState{}, localErr("read the file", fmt.Errorf("%s is not a regular file", path))
	}
	return fileState{Size: st.Size(), ModTime: st.ModTime()}, nil
}

// newHash returns a hash for an algorithm name as transport.Session.Hash reports it.
func newHash(algo string) (hash.Hash, bool) {
	switch strings.ToLower(strings.ReplaceAll(algo, "-", "")) {
	case "sha256":
		return sha256.New(), true
	case "sha512":
		return sha512.New(), true
	case "sha1":
		return sha1.New(), true
	case "md5":
		return md5.New(), true
	case "crc32":
		return crc32.NewIEEE(), true
	}
	return nil, false
}

// hashFile returns the lower-case hex digest of a file with the named algorithm.
func hashFile(path, algo string) (string, error) {
	f, st, err := openRegular(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return hashReader(f, st.Size, algo)
}

// hashReader returns the lower-case hex digest of size bytes read through r.
func hashReader(r io.ReaderAt, size int64, algo string) (string, error) {
	h, ok := newHash(algo)
	if !ok {
		return "", fmt.Errorf("unknown hash algorithm %q", algo)
	}
	// Small files get a buffer of their size: none to allocate and clear.
	buf := make([]byte, min(size+1, 256<<10))
	// A SectionReader reads with pread: safe beside another reader of the same file.
	if _, err := io.CopyBuffer(h, io.NewSectionReader(r, 0, size), buf); err != nil {
		return "", localErr("read the file", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// LocalError is a failure on this PC (reading the file), not on the server.
type LocalError struct {
	What string
	Err  error
}

func (e *LocalError) Error() string { return fmt.Sprintf("%s: %v", e.What, e.Err) }
func (e *LocalError) Unwrap() error { return e.Err }

func localErr(what string, err error) error { return &LocalError{What: what, Err: err} }

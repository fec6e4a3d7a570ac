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
	"time"
)

// fileState is what tells whether a local file changed: size and modification time.
type fileState struct {
	Size    int64
	ModTime time.Time
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

// newHash returns a hash for an algorithm name as ftpclient.Session.Hash reports it.
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
	h, ok := newHash(algo)
	if !ok {
		return "", fmt.Errorf("unknown hash algorithm %q", algo)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", localErr("read the file", err)
	}
	defer f.Close()
	bufSize := int64(256 << 10)
	if st, err := f.Stat(); err == nil && st.Size() < bufSize {
		bufSize = st.Size() + 1 // small files: no large buffer to allocate and clear
	}
	// *os.File has a WriteTo that would ignore this buffer and allocate its own.
	if _, err := io.CopyBuffer(h, struct{ io.Reader }{f}, make([]byte, bufSize)); err != nil {
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

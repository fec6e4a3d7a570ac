// Package benchkit holds what the bench commands (ftpbench, sftpbench,
// watchbench, al3tool) share: how they stop on an error, the random payloads
// they send, one timed upload, and the median they report.
package benchkit

import (
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"slices"
)

// Exit ends the command when err is not nil, saying it after the command's
// name on stderr (exit status 1).
func Exit(command string, err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, command+":", err)
		os.Exit(1)
	}
}

// WriteRandom writes size random bytes to a new file at path.
func WriteRandom(path string, size int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.CopyN(f, rand.Reader, size); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Storer is a session that uploads (ftpclient's and sftpclient's).
type Storer interface {
	Store(remote string, r io.Reader, offset int64) error
}

// StoreFile uploads the local file to remote on s, from the start.
func StoreFile(s Storer, local, remote string) error {
	f, err := os.Open(local)
	if err != nil {
		return err
	}
	defer f.Close()
	return s.Store(remote, f, 0)
}

// Median sorts xs and returns its middle value (the upper one of an even
// count); xs must not be empty.
func Median(xs []float64) float64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
}

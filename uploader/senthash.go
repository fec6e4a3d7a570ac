package uploader

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"os"
)

// sentHash reads the local file for an upload and hashes what it hands
// over, so that the service can tell whether what went out is what was
// checked: a file edited in place with its modification time put back keeps
// its size and date, but not its hash.
//
// A file of parallelHashFrom bytes or more is hashed on a goroutine of its
// own, from the very chunks the upload is served from (sharedRead): the
// upload then goes at the pace of the network or of the hash, whichever is
// slower, not of the two one after the other. A smaller one is hashed inline.
// Every sentHash ends with result (or sum, or abandon).
type sentHash struct {
	r      io.Reader
	h      hash.Hash   // inline: f read with Read, hashed as it goes
	f      *os.File    // inline
	shared *sharedRead // on its own goroutine
}

// newSentHash prepares the upload of size bytes of f from offset, and
// hashes the bytes before offset (sent by an earlier attempt) as they are now.
func newSentHash(f *os.File, offset, size int64) (*sentHash, error) {
	if size >= parallelHashFrom {
		shared := newSharedRead(f, size, sha256.New())
		if err := shared.hashUpTo(offset); err != nil {
			shared.Abandon()
			return nil, localErr("read the file", err)
		}
		return &sentHash{r: io.NewSectionReader(shared, offset, size-offset), shared: shared}, nil
	}
	h := sha256.New()
	if offset > 0 {
		if _, err := io.Copy(h, io.NewSectionReader(f, 0, offset)); err != nil {
			return nil, localErr("read the file", err)
		}
	}
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return nil, localErr("read the file", err)
	}
	return &sentHash{r: f, f: f, h: h}, nil
}

// Read reads from the file and hashes what it returns. sentHash has no
// WriteTo, so the connection copies through Read (no sendfile): the hash
// costs one pass over the data in memory, against a second read of the file.
func (s *sentHash) Read(b []byte) (int, error) {
	n, err := s.r.Read(b)
	if s.h != nil {
		s.h.Write(b[:n])
	}
	if err != nil && err != io.EOF {
		err = localErr("read the file", err)
	}
	return n, err
}

// sum is the lower-case hex SHA-256 of the file as read: in the inline mode
// of what was read so far, on its own goroutine of the whole file (what the
// upload did not read is read for it).
func (s *sentHash) sum() (string, error) {
	if s.shared != nil {
		return s.shared.Sum()
	}
	return hex.EncodeToString(s.h.Sum(nil)), nil
}

// abandon stops the hash of a transfer that will not be summed.
func (s *sentHash) abandon() {
	if s.shared != nil {
		s.shared.Abandon()
	}
}

// result returns the sum after a transfer that ended with err.
func (s *sentHash) result(err error) (string, error) {
	if err != nil {
		s.abandon()
		return "", err
	}
	return s.sum()
}

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
type sentHash struct {
	f *os.File
	h hash.Hash
}

// newSentHash positions f at offset for the upload, and hashes the bytes
// before offset (sent by an earlier attempt) as they are now.
func newSentHash(f *os.File, offset int64) (*sentHash, error) {
	h := sha256.New()
	if offset > 0 {
		if _, err := io.Copy(h, io.NewSectionReader(f, 0, offset)); err != nil {
			return nil, localErr("read the file", err)
		}
	}
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return nil, localErr("read the file", err)
	}
	return &sentHash{f: f, h: h}, nil
}

// Read reads from the file and hashes what it returns. sentHash has no
// WriteTo, so the connection copies through Read (no sendfile): the hash
// costs one pass over the data in memory, against a second read of the file.
func (s *sentHash) Read(b []byte) (int, error) {
	n, err := s.f.Read(b)
	s.h.Write(b[:n])
	if err != nil && err != io.EOF {
		err = localErr("read the file", err)
	}
	return n, err
}

// sum is the lower-case hex SHA-256 of everything read so far.
func (s *sentHash) sum() string { return hex.EncodeToString(s.h.Sum(nil)) }

// result returns the sum after a transfer that ended with err.
func (s *sentHash) result(err error) (string, error) {
	if err != nil {
		return "", err
	}
	return s.sum(), nil
}

package uploader

import (
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"sync"
	"sync/atomic"
)

// sharedRead reads a file once for two readers: the validator, which reads
// it through ReadAt, and a hash that runs on a goroutine of its own. The file
// is read front to back in chunks; each chunk is handed to the hash and
// serves the validator's reads that fall in it, so a large file crosses from
// the page cache (or the disk) once, and the check takes as long as the
// slower of the two on two cores, not the sum of two reads.
//
// A read elsewhere than the chunk being read (detection's look at the end of
// a workbook, a ZIP's directory) goes straight to the file; whatever the
// validator did not read in order is read for the hash by Sum.
type sharedRead struct {
	file io.ReaderAt
	size int64

	mu    sync.Mutex
	cur   *readChunk // the chunk the validator reads from, or nil
	next  int64      // where the next chunk starts: the file is read up to here
	made  int        // chunks allocated so far, at most sharedChunks
	err   error      // a read error, also returned by Sum
	ended bool       // Sum or Abandon was called

	free   chan *readChunk // chunks neither reader holds
	toHash chan *readChunk
	hashed chan []byte // the digest, once toHash is closed and drained
}

// readChunk is a stretch of the file, held by the validator and by the hash
// until both are done with it.
type readChunk struct {
	off   int64
	data  []byte
	users atomic.Int32
}

const (
	sharedChunkSize = 1 << 20
	// sharedChunks bounds how far the validator may run ahead of the hash
	// (and the memory: sharedChunks × sharedChunkSize per large file checked).
	sharedChunks = 4
)

// newSharedRead starts hashing size bytes of file with h as they are read.
func newSharedRead(file io.ReaderAt, size int64, h hash.Hash) *sharedRead {
	s := &sharedRead{file: file, size: size,
		free: make(chan *readChunk, sharedChunks), toHash: make(chan *readChunk, sharedChunks), hashed: make(chan []byte, 1)}
	go func() {
		for c := range s.toHash {
			h.Write(c.data) // a hash.Hash never returns an error
			s.release(c)
		}
		s.hashed <- h.Sum(nil)
	}()
	return s
}

// ReadAt reads from the chunk that holds off, reading the next chunk of the
// file when off is where the file has been read up to; any other read goes
// to the file.
func (s *sharedRead) ReadAt(p []byte, off int64) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for n < len(p) {
		at := off + int64(n)
		if at >= s.size {
			return n, io.EOF
		}
		c := s.cur
		if c == nil || at < c.off || at >= c.off+int64(len(c.data)) {
			if at != s.next {
				m, err := s.file.ReadAt(p[n:], at)
				return n + m, err
			}
			if err := s.readNextLocked(); err != nil {
				return n, err
			}
			continue
		}
		n += copy(p[n:], c.data[at-c.off:])
	}
	return n, nil
}

// errHashEnded is a read or a sum after Sum or Abandon: a mistake of ours.
var errHashEnded = errors.New("the file's hash was already taken")

// readNextLocked reads the chunk at s.next, hands it to the hash and makes
// it the validator's current chunk.
func (s *sharedRead) readNextLocked() error {
	if s.ended {
		return errHashEnded
	}
	if s.err != nil {
		return s.err
	}
	var c *readChunk
	if s.made < sharedChunks {
		s.made++
		c = &readChunk{data: make([]byte, min(sharedChunkSize, s.size))}
	} else {
		c = <-s.free // waits while the hash is sharedChunks behind
	}
	c.off = s.next
	c.data = c.data[:min(int64(cap(c.data)), s.size-s.next)]
	n, err := s.file.ReadAt(c.data, c.off)
	if n < len(c.data) {
		if err == nil || errors.Is(err, io.EOF) {
			err = fmt.Errorf("%w (it is shorter than when it was opened)", errFileChanged)
		}
		s.err = err
		s.free <- c
		return err
	}
	s.next += int64(n)
	c.users.Store(2)
	if s.cur != nil {
		s.release(s.cur)
	}
	s.cur = c
	s.toHash <- c
	return nil
}

// release gives up one reader's hold on c.
func (s *sharedRead) release(c *readChunk) {
	if c.users.Add(-1) == 0 {
		s.free <- c
	}
}

// hashUpTo reads the file for the hash up to offset, so that reads from
// offset on are served from the chunk that holds it (an upload resumed at
// offset hashes the bytes an earlier attempt sent as they are now).
func (s *sharedRead) hashUpTo(offset int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.next <= offset && s.next < s.size {
		if err := s.readNextLocked(); err != nil {
			return err
		}
	}
	return nil
}

// Sum reads for the hash whatever the validator did not read in order, and
// returns the lower-case hex digest of the size bytes. Call Sum or Abandon
// once, after the validator is done.
func (s *sharedRead) Sum() (string, error) {
	s.mu.Lock()
	for s.next < s.size && s.err == nil && !s.ended {
		_ = s.readNextLocked() // an error is kept in s.err
	}
	return s.endLocked()
}

// Abandon stops the hash without reading the rest of the file.
func (s *sharedRead) Abandon() {
	s.mu.Lock()
	_, _ = s.endLocked()
}

func (s *sharedRead) endLocked() (string, error) {
	if s.ended {
		s.mu.Unlock()
		return "", errHashEnded
	}
	s.ended = true
	if s.cur != nil {
		s.release(s.cur)
		s.cur = nil
	}
	err := s.err
	s.mu.Unlock()
	close(s.toHash)
	sum := <-s.hashed
	if err != nil {
		return "", localErr("read the file", err)
	}
	return hex.EncodeToString(sum), nil
}

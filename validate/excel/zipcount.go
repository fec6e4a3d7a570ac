package excel

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
)

// ErrTooManyParts is returned by CountZipEntries when an archive has more
// entries than the limit asked.
var ErrTooManyParts = errors.New("more ZIP entries than the limit")

// CountZipEntries counts the entries of the ZIP archive in r, up to limit,
// by streaming its central directory, before archive/zip reads it all into
// memory (about twice the archive's size for one of empty entries). It
// counts the records archive/zip would read: from the directory's start as
// the end record gives it, until a record is not a directory header. It
// returns ErrTooManyParts beyond limit; any other error means the end record
// could not be found or read, which archive/zip then reports its own way.
func CountZipEntries(r io.ReaderAt, size int64, limit int) (int, error) {
	starts, err := directoryStarts(r, size)
	if err != nil {
		return 0, err
	}
	most := 0
	for _, start := range starts {
		n, err := countFrom(r, start, size, limit)
		if err != nil {
			return n, err
		}
		most = max(most, n)
	}
	return most, nil
}

// countFrom counts the directory records from start, up to limit.
func countFrom(r io.ReaderAt, start, size int64, limit int) (int, error) {
	br := bufio.NewReaderSize(io.NewSectionReader(r, start, size-start), 64<<10)
	var hdr [46]byte
	n := 0
	for {
		if _, err := io.ReadFull(br, hdr[:]); err != nil || !bytes.Equal(hdr[:4], []byte("PK\x01\x02")) {
			return n, nil
		}
		n++
		if n > limit {
			return n, ErrTooManyParts
		}
		le := binary.LittleEndian
		skip := int(le.Uint16(hdr[28:])) + int(le.Uint16(hdr[30:])) + int(le.Uint16(hdr[32:]))
		if _, err := br.Discard(skip); err != nil {
			return n, nil
		}
	}
}

// directoryStarts finds the end of central directory record (and the ZIP64
// one when present) and returns where the central directory may start: at
// the offset it gives, and right before the end record by its size, which
// archive/zip also allows for.
func directoryStarts(r io.ReaderAt, size int64) ([]int64, error) {
	const endLen, maxComment = 22, 65535
	tail := min(size, endLen+maxComment)
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	at := -1
	for i := len(buf) - endLen; i >= 0; i-- {
		if bytes.Equal(buf[i:i+4], []byte("PK\x05\x06")) && i+endLen+int(binary.LittleEndian.Uint16(buf[i+20:])) <= len(buf) {
			at = i
			break
		}
	}
	if at < 0 {
		return nil, errors.New("no ZIP end record")
	}
	le := binary.LittleEndian
	endOffset := size - tail + int64(at)
	dirSize, dirOffset := int64(le.Uint32(buf[at+12:])), int64(le.Uint32(buf[at+16:]))
	if (dirSize == 0xFFFFFFFF || dirOffset == 0xFFFFFFFF || le.Uint16(buf[at+10:]) == 0xFFFF) && endOffset >= 20 {
		var loc [20]byte
		if _, err := r.ReadAt(loc[:], endOffset-20); err == nil && bytes.Equal(loc[:4], []byte("PK\x06\x07")) {
			var end64 [56]byte
			off := int64(le.Uint64(loc[8:]))
			if off >= 0 && off < size {
				if _, err := r.ReadAt(end64[:], off); err == nil && bytes.Equal(end64[:4], []byte("PK\x06\x06")) {
					dirSize, dirOffset = int64(le.Uint64(end64[40:])), int64(le.Uint64(end64[48:]))
					endOffset = off
				}
			}
		}
	}
	if dirSize < 0 || dirOffset < 0 || dirSize > endOffset {
		return nil, errors.New("damaged ZIP end record")
	}
	var starts []int64
	if dirOffset < size {
		starts = append(starts, dirOffset)
	}
	// right before the end record, as archive/zip takes it when the offset
	// disagrees (data prepended, or removed, in front of the archive)
	if start := endOffset - dirSize; start >= 0 && start < size && start != dirOffset {
		starts = append(starts, start)
	}
	return starts, nil
}

package biff

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Record types read here.
const (
	recFORMULA    = 0x0006
	recEOF        = 0x000A
	recDATEMODE   = 0x0022
	recFILEPASS   = 0x002F
	recCONTINUE   = 0x003C
	recBOUNDSHEET = 0x0085
	recMULRK      = 0x00BD
	recRSTRING    = 0x00D6
	recDBCELL     = 0x00D7
	recXF         = 0x00E0
	recSST        = 0x00FC
	recLABELSST   = 0x00FD
	recNUMBER     = 0x0203
	recLABEL      = 0x0204
	recBOOLERR    = 0x0205
	recSTRING     = 0x0207
	recRK         = 0x027E
	recFORMAT     = 0x041E
	recBOF        = 0x0809
)

// maxColumns is the width of a BIFF8 sheet (A to IV).
const maxColumns = 256

// Errors of Read besides *FormatError.
var (
	// ErrBIFF5 is a workbook in the Excel 5.0/95 format, whose cells are not read.
	ErrBIFF5 = errors.New("the workbook is in the Excel 5.0/95 format")
	// ErrEncrypted is a password-protected workbook (FILEPASS).
	ErrEncrypted = errors.New("the workbook is protected by a password")
	// ErrTooLarge is a workbook whose strings and pending cells exceed Limits.MaxHeld.
	ErrTooLarge = errors.New("reading the workbook would hold more memory than allowed")
)

// FormatError is a damaged Workbook stream; its text is a sentence for a clerk.
type FormatError struct{ Text string }

func (e *FormatError) Error() string { return e.Text }

func damaged(format string, args ...any) error {
	return &FormatError{Text: fmt.Sprintf(format, args...)}
}

// Sheet is one sheet of the workbook as its BOUNDSHEET record names it.
type Sheet struct {
	Name   string
	Hidden bool
}

// Handler receives the cells. Sheet is called when a worksheet's records
// start (index is its place among the BOUNDSHEET records), Row for each row
// that holds a cell, in row order (rowNum 1-based, cols[0] is column A; the
// slice is reused after Row returns), EndSheet at its end.
type Handler struct {
	Sheet    func(index int, s Sheet)
	Row      func(rowNum int, cols []string)
	EndSheet func()
}

// Limits bound what Read holds in memory.
type Limits struct {
	// MaxHeld bounds the bytes of shared strings and pending cells held at
	// once (strings count their length plus 16 bytes each).
	MaxHeld int64
}

// record is the reader of the stream, one record at a time.
type record struct {
	br   *bufio.Reader
	pos  int64 // offset of the current record in the stream
	next int64 // offset of the record after it
	typ  uint16
	body []byte
	buf  [0xFFFF]byte
}

// read reads the next record; ok is false at the end of the stream (or at
// zero padding after the last record).
func (r *record) read() (ok bool, err error) {
	var hdr [4]byte
	n, err := io.ReadFull(r.br, hdr[:])
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) && allZero(hdr[:n]) {
			return false, nil
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return false, damaged("The Workbook stream ends in the middle of a record header: the file is truncated.")
		}
		return false, fmt.Errorf("read Workbook stream: %w", err)
	}
	r.pos = r.next
	r.typ = binary.LittleEndian.Uint16(hdr[:])
	size := int(binary.LittleEndian.Uint16(hdr[2:]))
	if r.typ == 0 && size == 0 {
		return false, nil // padding
	}
	r.body = r.buf[:size]
	if _, err := io.ReadFull(r.br, r.body); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return false, damaged("A record of the Workbook stream (type 0x%04X) declares %d bytes but the stream ends first: the file is truncated.", r.typ, size)
		}
		return false, fmt.Errorf("read Workbook stream: %w", err)
	}
	r.next = r.pos + 4 + int64(size)
	return true, nil
}

// peekType is the type of the next record, or 0 at the end.
func (r *record) peekType() uint16 {
	b, err := r.br.Peek(2)
	if err != nil {
		return 0
	}
	return binary.LittleEndian.Uint16(b)
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// Read walks a BIFF8 Workbook stream and hands every worksheet's rows to h.
func Read(stream io.Reader, lim Limits, h Handler) error {
	r := &record{br: bufio.NewReaderSize(stream, 64<<10)}
	ok, err := r.read()
	if err != nil {
		return err
	}
	if !ok || r.typ != recBOF || len(r.body) < 4 {
		return damaged("The Workbook stream does not start with a BOF record: this is not a readable Excel workbook.")
	}
	if v := binary.LittleEndian.Uint16(r.body); v != 0x0600 {
		return ErrBIFF5
	}
	g := &globals{held: &held{max: lim.MaxHeld}}
	if err := g.read(r); err != nil {
		return err
	}
	return readSheets(r, g, h)
}

// held counts the bytes Read holds against Limits.MaxHeld.
type held struct {
	n, max int64
}

func (h *held) add(n int64) error {
	h.n += n
	if h.max > 0 && h.n > h.max {
		return ErrTooLarge
	}
	return nil
}

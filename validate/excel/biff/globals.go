package biff

import (
	"encoding/binary"
	"unicode/utf16"
)

// globals is what the workbook's first substream says that cells need:
// sheets, shared strings, cell formats and the date system.
type globals struct {
	held     *held
	sheets   []Sheet
	sheetAt  map[int64]int // stream offset of a sheet's BOF -> its index
	sst      []string
	xfFormat []uint16        // XF index -> number format index
	formats  map[uint16]bool // number format index -> is a date (FORMAT records)
	date1904 bool
}

// read reads the globals substream, up to and including its EOF.
func (g *globals) read(r *record) error {
	g.sheetAt = map[int64]int{}
	g.formats = map[uint16]bool{}
	for {
		ok, err := r.read()
		if err != nil {
			return err
		}
		if !ok {
			return damaged("The Workbook stream ends before the end of its global part: the file is truncated.")
		}
		b := r.body
		switch r.typ {
		case recEOF:
			return nil
		case recFILEPASS:
			return ErrEncrypted
		case recBOUNDSHEET:
			s, pos, ok := boundSheet(b)
			if !ok {
				return damaged("Sheet %d of the workbook has a damaged name record.", len(g.sheets)+1)
			}
			if s.worksheet {
				g.sheetAt[pos] = len(g.sheets)
			}
			g.sheets = append(g.sheets, s.Sheet)
		case recDATEMODE:
			g.date1904 = len(b) >= 2 && binary.LittleEndian.Uint16(b) == 1
		case recXF:
			if len(b) >= 4 {
				g.xfFormat = append(g.xfFormat, binary.LittleEndian.Uint16(b[2:]))
			}
		case recFORMAT:
			if len(b) >= 2 {
				code, _, _ := xlString(b[2:], 2)
				g.formats[binary.LittleEndian.Uint16(b)] = isDateFormat(code)
			}
		case recSST:
			segs := [][]byte{append([]byte(nil), b...)}
			size := int64(len(b))
			for r.peekType() == recCONTINUE {
				if _, err := r.read(); err != nil {
					return err
				}
				segs = append(segs, append([]byte(nil), r.body...))
				size += int64(len(r.body))
			}
			if err := g.held.add(size); err != nil {
				return err
			}
			sst, err := readSST(segs, g.held)
			if err != nil {
				return err
			}
			g.sst = sst
			g.held.add(-size) // the raw records are dropped
		}
	}
}

// isDate says whether the number format of XF index xf shows a date.
func (g *globals) isDate(xf uint16) bool {
	if int(xf) >= len(g.xfFormat) {
		return false
	}
	f := g.xfFormat[xf]
	if d, ok := g.formats[f]; ok {
		return d
	}
	return builtinDate(f)
}

type boundSheetInfo struct {
	Sheet
	worksheet bool
}

// boundSheet reads a BIFF8 BOUNDSHEET: the BOF offset (4), visibility (1),
// type (1: 0 a worksheet), then the name as a short XLUnicodeString.
func boundSheet(b []byte) (boundSheetInfo, int64, bool) {
	if len(b) < 8 {
		return boundSheetInfo{}, 0, false
	}
	name, _, ok := xlString(b[6:], 1)
	if !ok {
		return boundSheetInfo{}, 0, false
	}
	return boundSheetInfo{Sheet: Sheet{Name: name, Hidden: b[4]&0x03 != 0}, worksheet: b[5] == 0},
		int64(binary.LittleEndian.Uint32(b)), true
}

// xlString reads an XLUnicodeString held whole in b: a character count of
// lenBytes (1 or 2) bytes, flags (bit 0: 16-bit characters, bit 2: phonetic
// data, bit 3: rich-text runs), then the characters; it returns the rest of b.
func xlString(b []byte, lenBytes int) (string, []byte, bool) {
	if len(b) < lenBytes+1 {
		return "", nil, false
	}
	n := int(b[0])
	if lenBytes == 2 {
		n = int(binary.LittleEndian.Uint16(b))
	}
	flags := b[lenBytes]
	b = b[lenBytes+1:]
	runs, ext := 0, 0
	if flags&0x08 != 0 {
		if len(b) < 2 {
			return "", nil, false
		}
		runs, b = int(binary.LittleEndian.Uint16(b)), b[2:]
	}
	if flags&0x04 != 0 {
		if len(b) < 4 {
			return "", nil, false
		}
		ext, b = int(binary.LittleEndian.Uint32(b)), b[4:]
	}
	width := 1
	if flags&0x01 != 0 {
		width = 2
	}
	if len(b) < n*width {
		return "", nil, false
	}
	s := decodeChars(b[:n*width], width == 2)
	b = b[n*width:]
	if skip := runs*4 + ext; skip >= 0 && skip <= len(b) {
		b = b[skip:]
	} else {
		b = nil
	}
	return s, b, true
}

// decodeChars decodes Latin-1 (compressed) or UTF-16LE characters.
func decodeChars(b []byte, wide bool) string {
	if !wide {
		ascii := true
		for _, c := range b {
			if c >= 0x80 {
				ascii = false
				break
			}
		}
		if ascii {
			return string(b)
		}
		rs := make([]rune, len(b))
		for i, c := range b {
			rs[i] = rune(c)
		}
		return string(rs)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

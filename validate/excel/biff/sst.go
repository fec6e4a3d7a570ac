package biff

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

// sstCursor reads the shared-string table across its SST and CONTINUE
// records. Where a string's characters are split between records, the next
// record starts with a flags byte saying whether the rest is 8 or 16 bits
// wide; anything else (counts, rich-text runs, phonetic data) simply goes on.
type sstCursor struct {
	segs [][]byte
	seg  int
	off  int
}

// byte reads one byte, moving on to the next record when one ends.
func (c *sstCursor) byte() (byte, bool) {
	for c.seg < len(c.segs) && c.off >= len(c.segs[c.seg]) {
		c.seg, c.off = c.seg+1, 0
	}
	if c.seg >= len(c.segs) {
		return 0, false
	}
	b := c.segs[c.seg][c.off]
	c.off++
	return b, true
}

func (c *sstCursor) uint(n int) (uint32, bool) {
	var v uint32
	for i := 0; i < n; i++ {
		b, ok := c.byte()
		if !ok {
			return 0, false
		}
		v |= uint32(b) << (8 * i)
	}
	return v, true
}

// skip passes n bytes.
func (c *sstCursor) skip(n int64) bool {
	for n > 0 {
		if c.seg >= len(c.segs) {
			return false
		}
		avail := int64(len(c.segs[c.seg]) - c.off)
		if avail <= 0 {
			c.seg, c.off = c.seg+1, 0
			continue
		}
		step := min(avail, n)
		c.off += int(step)
		n -= step
	}
	return true
}

// chars reads n characters, 16-bit when wide, switching width where a
// CONTINUE record's flags byte says so.
func (c *sstCursor) chars(n int, wide bool, sb *strings.Builder) bool {
	var u []uint16
	for n > 0 {
		if c.seg >= len(c.segs) {
			return false
		}
		if c.off >= len(c.segs[c.seg]) {
			c.seg, c.off = c.seg+1, 0
			if c.seg >= len(c.segs) || len(c.segs[c.seg]) == 0 {
				return false
			}
			wide = c.segs[c.seg][0]&0x01 != 0
			c.off = 1
			continue
		}
		b := c.segs[c.seg][c.off:]
		if !wide {
			k := min(n, len(b))
			for _, ch := range b[:k] {
				sb.WriteRune(rune(ch))
			}
			c.off += k
			n -= k
			continue
		}
		k := min(n, len(b)/2)
		if k == 0 {
			return false // half a character at the end of a record
		}
		u = u[:0]
		for i := 0; i < k; i++ {
			u = append(u, binary.LittleEndian.Uint16(b[2*i:]))
		}
		sb.WriteString(string(utf16.Decode(u)))
		c.off += 2 * k
		n -= k
	}
	return true
}

// readSST reads the shared strings: total and unique counts (4 bytes each),
// then the unique strings. Each string counts against h.
func readSST(segs [][]byte, h *held) ([]string, error) {
	c := &sstCursor{segs: segs}
	if _, ok := c.uint(4); !ok {
		return nil, damaged("The shared-string table of this workbook is damaged (it is cut short).")
	}
	unique, ok := c.uint(4)
	if !ok {
		return nil, damaged("The shared-string table of this workbook is damaged (it is cut short).")
	}
	var total int
	for _, s := range segs {
		total += len(s)
	}
	// Each string takes at least 3 bytes: never reserve more than the records can hold.
	out := make([]string, 0, min(int(unique), total/3))
	var sb strings.Builder
	for i := 0; i < int(unique); i++ {
		n, ok1 := c.uint(2)
		flags, ok2 := c.byte()
		if !ok1 || !ok2 {
			return nil, damaged("The shared-string table of this workbook is damaged: it announces %d strings but holds %d.", unique, i)
		}
		var runs, ext uint32
		ok := true
		if flags&0x08 != 0 {
			runs, ok = c.uint(2)
		}
		if ok && flags&0x04 != 0 {
			ext, ok = c.uint(4)
		}
		sb.Reset()
		if ok {
			ok = c.chars(int(n), flags&0x01 != 0, &sb)
		}
		if ok {
			ok = c.skip(int64(runs)*4 + int64(ext))
		}
		if !ok {
			return nil, damaged("The shared-string table of this workbook is damaged: string %d of %d is cut short.", i+1, unique)
		}
		s := sb.String()
		if err := h.add(int64(len(s)) + 16); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

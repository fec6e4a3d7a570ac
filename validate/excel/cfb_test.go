package excel

import (
	"bytes"
	"encoding/binary"
	"unicode/utf16"
)

// compoundFile writes a minimal OLE2 compound file (version 3, 512-byte
// sectors) holding the given streams, for test fixtures. Streams shorter than
// 4096 bytes would belong in the mini stream, so they are padded with a
// trailing filler that the BIFF walk never reaches (callers pad their
// records instead when it matters).
func compoundFile(streams map[string][]byte, order []string) []byte {
	const sector = 512
	const end, free, fatSect = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
	// Layout: sector 0 FAT, sector 1 directory (4 entries), then each stream.
	var data [][]byte
	for _, name := range order {
		b := streams[name]
		for len(b) < 4096 {
			b = append(b, 0)
		}
		data = append(data, b)
	}
	fat := []uint32{fatSect, end}
	starts := make([]uint32, len(data))
	for i, b := range data {
		n := (len(b) + sector - 1) / sector
		starts[i] = uint32(len(fat))
		for j := 0; j < n; j++ {
			if j == n-1 {
				fat = append(fat, end)
			} else {
				fat = append(fat, uint32(len(fat)+1))
			}
		}
	}
	for len(fat) < sector/4 {
		fat = append(fat, free)
	}
	var out bytes.Buffer
	hdr := make([]byte, sector)
	copy(hdr, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(hdr[24:], 0x003E)
	le.PutUint16(hdr[26:], 3)
	le.PutUint16(hdr[28:], 0xFFFE)
	le.PutUint16(hdr[30:], 9)
	le.PutUint16(hdr[32:], 6)
	le.PutUint32(hdr[44:], 1)    // FAT sectors
	le.PutUint32(hdr[48:], 1)    // first directory sector
	le.PutUint32(hdr[56:], 4096) // mini stream cutoff
	le.PutUint32(hdr[60:], end)  // first mini FAT sector
	le.PutUint32(hdr[68:], end)  // first DIFAT sector
	le.PutUint32(hdr[76:], 0)    // DIFAT[0]: the FAT is sector 0
	for i := 80; i < sector; i += 4 {
		le.PutUint32(hdr[i:], free)
	}
	out.Write(hdr)
	fatBytes := make([]byte, sector)
	for i, v := range fat[:sector/4] {
		le.PutUint32(fatBytes[4*i:], v)
	}
	out.Write(fatBytes)
	dir := make([]byte, sector)
	entry := func(i int, name string, typ byte, child, right uint32, start uint32, size uint64) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[64:], uint16(2*(len(u)+1)))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], free) // left
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], size)
	}
	// Root's child is the first stream; the others hang off its right sibling chain.
	entry(0, "Root Entry", 5, 1, free, end, 0)
	for i, name := range order {
		right := uint32(free)
		if i+2 <= len(order) {
			right = uint32(i + 2)
		}
		entry(i+1, name, 2, free, right, starts[i], uint64(len(data[i])))
	}
	for i := len(order) + 1; i < 4; i++ {
		le.PutUint32(dir[128*i+68:], free)
		le.PutUint32(dir[128*i+72:], free)
		le.PutUint32(dir[128*i+76:], free)
	}
	out.Write(dir)
	for _, b := range data {
		out.Write(b)
		if pad := len(b) % sector; pad != 0 {
			out.Write(make([]byte, sector-pad))
		}
	}
	return out.Bytes()
}

// biff builds a Workbook stream from records, padded past 4096 bytes with a
// harmless record so that it lives in regular sectors.
func biff(records ...[]byte) []byte {
	var b bytes.Buffer
	for _, r := range records {
		b.Write(r)
	}
	for b.Len() < 4200 {
		b.Write(record(0x00E1, make([]byte, 200))) // INTERFACEHDR-like filler inside the globals
	}
	return b.Bytes()
}

func record(typ uint16, body []byte) []byte {
	r := make([]byte, 4+len(body))
	binary.LittleEndian.PutUint16(r, typ)
	binary.LittleEndian.PutUint16(r[2:], uint16(len(body)))
	copy(r[4:], body)
	return r
}

func bof() []byte {
	return record(recBOF, []byte{0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
}
func eof() []byte { return record(recEOF, nil) }

func boundsheetRecord(name string, hidden bool) []byte {
	b := []byte{0, 0, 0, 0, 0, 0, byte(len(name)), 0}
	if hidden {
		b[4] = 1
	}
	return record(recBOUNDSHEET, append(b, name...))
}

package al3

import "encoding/binary"

// SWAR constants: a byte is "special" when it is a control byte (< 0x20) or
// >= 0x7F (DEL and everything outside ASCII). Eight bytes are tested at once.
const (
	swarOnes  = 0x0101010101010101
	swarLow   = 0x2020202020202020 // 0x20 in every byte
	swarHighs = 0x8080808080808080
)

// special reports whether any byte of w is < 0x20 or >= 0x7F. Both tests are
// exact for "is there any such byte": a borrow or carry only starts at a byte
// that is itself special.
func special(w uint64) bool { return mask(w)&swarHighs != 0 }

// mask has the high bit of a byte set (among other bits) when the byte is special.
func mask(w uint64) uint64 { return (w-swarLow)&^w | (w + swarOnes) | w }

// firstSpecial returns the index of the first control or non-ASCII byte of b
// (see special), or len(b) when b is plain printable ASCII.
func firstSpecial(b []byte) int {
	i := 0
	for ; i+32 <= len(b); i += 32 {
		w0 := binary.LittleEndian.Uint64(b[i:])
		w1 := binary.LittleEndian.Uint64(b[i+8:])
		w2 := binary.LittleEndian.Uint64(b[i+16:])
		w3 := binary.LittleEndian.Uint64(b[i+24:])
		if (mask(w0)|mask(w1)|mask(w2)|mask(w3))&swarHighs != 0 {
			break
		}
	}
	for ; i+8 <= len(b); i += 8 {
		if special(binary.LittleEndian.Uint64(b[i:])) {
			break
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c < 0x20 || c >= 0x7F {
			return i
		}
	}
	return len(b)
}

// zeros returns the length of the run of zero bytes that starts b.
func zeros(b []byte) int {
	i := 0
	for ; i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:]) == 0; i += 8 {
	}
	for ; i < len(b) && b[i] == 0; i++ {
	}
	return i
}

package al3

import "testing"

// TestFirstSpecial puts every byte value at every position of a printable
// buffer and compares with the obvious loop.
func TestFirstSpecial(t *testing.T) {
	base := make([]byte, 70)
	for i := range base {
		base[i] = byte(' ' + i%95)
	}
	if got := firstSpecial(base); got != len(base) {
		t.Fatalf("printable buffer: %d", got)
	}
	for c := 0; c < 256; c++ {
		for at := range base {
			b := append([]byte(nil), base...)
			b[at] = byte(c)
			want := len(b)
			if c < 0x20 || c >= 0x7F {
				want = at
			}
			if got := firstSpecial(b); got != want {
				t.Fatalf("byte 0x%02X at %d: got %d, want %d", c, at, got, want)
			}
		}
	}
}

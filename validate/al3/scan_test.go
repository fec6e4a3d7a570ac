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

func TestZeros(t *testing.T) {
	for _, tc := range []struct {
		b    []byte
		want int
	}{
		{nil, 0}, {[]byte{1}, 0}, {[]byte{0}, 1}, {make([]byte, 17), 17},
		{append(make([]byte, 9), 'x', 0), 9}, {append(make([]byte, 16), ' '), 16}, {append(make([]byte, 3), 1, 0, 0, 0, 0, 0, 0, 0, 0), 3},
	} {
		if got := zeros(tc.b); got != tc.want {
			t.Errorf("zeros(%q) = %d, want %d", tc.b, got, tc.want)
		}
	}
}

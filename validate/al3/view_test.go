package al3

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// chunkReader returns at most n bytes per Read.
type chunkReader struct {
	data []byte
	n    int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), r.n)], r.data)
	r.data = r.data[k:]
	return k, nil
}

// TestViewExpandsAndMaps builds a compressed stream with a known expansion and
// checks every expanded byte and its offset in the original, through windows
// and reads of several sizes.
func TestViewExpandsAndMaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var raw, want []byte
	var origin []int64 // origin[i] is the file offset expanded byte i comes from
	for len(want) < 20000 {
		if rng.IntN(3) == 0 {
			marker := []byte{markerFA, markerB3}[rng.IntN(2)]
			n := rng.IntN(256)
			c := byte('A' + rng.IntN(26))
			at := int64(len(raw))
			raw = append(raw, marker)
			raw = append(raw, fmt.Sprintf("%02x", n)...)
			raw = append(raw, c)
			for range n {
				want = append(want, c)
				origin = append(origin, at)
			}
			continue
		}
		for range rng.IntN(40) {
			origin = append(origin, int64(len(raw)))
			c := byte(' ' + rng.IntN(90))
			raw = append(raw, c)
			want = append(want, c)
		}
	}
	for _, window := range []int{2 * lookahead, 4099, 1 << 16} {
		for _, chunk := range []int{1, 3, 517, 1 << 20} {
			v := newView(&chunkReader{data: raw, n: chunk}, window)
			markers := 0
			v.onMarker = func(int64) { markers++ }
			v.onDamaged = func(at int64, _ byte) { t.Fatalf("damaged sequence reported at %d", at) }
			got := 0
			for {
				v.fill(lookahead)
				if v.avail() == 0 {
					break
				}
				step := min(v.avail(), 1+rng.IntN(lookahead))
				for i := 0; i < step; i++ {
					if b := v.buf[v.pos+i]; b != want[got+i] {
						t.Fatalf("window %d chunk %d: byte %d = %q, want %q", window, chunk, got+i, b, want[got+i])
					}
					if r := v.rawOf(v.pos + i); r != origin[got+i] {
						t.Fatalf("window %d chunk %d: byte %d maps to %d, want %d", window, chunk, got+i, r, origin[got+i])
					}
					if e := v.expOf(v.pos + i); e != int64(got+i) {
						t.Fatalf("expanded offset %d, want %d", e, got+i)
					}
				}
				v.pos += step
				got += step
			}
			if got != len(want) || v.rawNext != int64(len(raw)) || v.err != nil {
				t.Fatalf("window %d chunk %d: expanded %d of %d bytes, read %d of %d, err %v", window, chunk, got, len(want), v.rawNext, len(raw), v.err)
			}
			if markers == 0 {
				t.Fatal("no compression sequence reported")
			}
		}
	}
}

func TestViewDamagedSequences(t *testing.T) {
	for _, c := range []struct {
		in   string
		at   []int64
		want string
	}{
		{"AB\xFAZZ C", []int64{2}, "AB ZZ C"},
		{"AB\xFA0", []int64{2}, "AB 0"},
		{"\xB3", []int64{0}, " "},
		{"A\xFA03x\xB310", []int64{5}, "Axxx 10"},
	} {
		v := newView(bytes.NewReader([]byte(c.in)), 2*lookahead)
		var at []int64
		v.onDamaged = func(raw int64, _ byte) { at = append(at, raw) }
		v.fill(lookahead)
		if got := string(v.buf[v.pos:v.end]); got != c.want || fmt.Sprint(at) != fmt.Sprint(c.at) {
			t.Errorf("%q: expanded %q damaged at %v, want %q at %v", c.in, got, at, c.want, c.at)
		}
	}
}

// errReader fails after its data.
type errReader struct{ data []byte }

func (r *errReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.ErrClosedPipe
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestViewReadError(t *testing.T) {
	v := newView(&errReader{data: []byte("1MHG")}, 2*lookahead)
	v.fill(lookahead)
	if v.err == nil || !v.done() {
		t.Fatalf("err = %v", v.err)
	}
}

// TestWindowFitsSmallFiles: a source that knows its size gets a window no
// larger than it needs, so a 4 KiB file does not cost a 256 KiB buffer.
func TestWindowFitsSmallFiles(t *testing.T) {
	if got, want := windowSize(bytes.NewReader(make([]byte, 4000))), max(4096, 2*lookahead); got != want {
		t.Errorf("window for 4000 bytes = %d, want %d", got, want)
	}
	if got := windowSize(bytes.NewReader(make([]byte, 10<<20))); got != bufferSize {
		t.Errorf("window for 10 MiB = %d, want %d", got, bufferSize)
	}
	if got := windowSize(&chunkReader{data: []byte("x"), n: 1}); got != bufferSize {
		t.Errorf("window for a source of unknown size = %d, want %d", got, bufferSize)
	}
}

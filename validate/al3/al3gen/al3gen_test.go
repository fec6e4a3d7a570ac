package al3gen

import (
	"bytes"
	"io"
	"testing"
)

func TestPlacedMatchesBytes(t *testing.T) {
	for _, l := range []Layout{CRLF, {}, {Separator: "\n", CountSeparator: true}} {
		b := New(l).Message(3, 2)
		data := b.Bytes()
		for _, p := range b.Placed() {
			if !bytes.HasPrefix(data[p.Offset:], []byte(p.Code)) {
				t.Fatalf("layout %+v: %s not at %d", l, p.Code, p.Offset)
			}
			if l.Separator != "" && bytes.Count(data[:p.Offset], []byte("\n"))+1 != p.Line {
				t.Fatalf("layout %+v: %s line %d", l, p.Code, p.Line)
			}
		}
		if last := b.Last(); last.Code != "3MTG" || int(last.Offset)+last.Content+len(l.Separator) != len(data) {
			t.Fatalf("last group %+v, file %d bytes", last, len(data))
		}
	}
}

// expand undoes Squeeze.
func expand(t *testing.T, in []byte) []byte {
	var out []byte
	for i := 0; i < len(in); i++ {
		if in[i] != 0xFA && in[i] != 0xB3 {
			out = append(out, in[i])
			continue
		}
		var n int
		for _, c := range in[i+1 : i+3] {
			n = n*16 + bytes.IndexByte([]byte("0123456789ABCDEF"), c)
		}
		out = append(out, bytes.Repeat(in[i+3:i+4], n)...)
		i += 3
	}
	return out
}

func TestSqueezeRoundTrip(t *testing.T) {
	in := append(bytes.Repeat([]byte("?"), 600), []byte("AB    CD\r\n\r\n\r\n\r\n\r\nEEEEE")...)
	for _, m := range []byte{0xFA, 0xB3} {
		out := Squeeze(in, m, 4)
		if len(out) >= len(in) || !bytes.Equal(expand(t, out), in) {
			t.Fatalf("marker %X: %q", m, out)
		}
		if !bytes.Contains(out, []byte("\r\n\r\n")) {
			t.Fatal("line breaks must never be squeezed")
		}
	}
}

func TestWriteLargeSize(t *testing.T) {
	n, err := WriteLarge(io.Discard, 3<<20, CRLF)
	if err != nil || n < 3<<20 || n > 3<<20+64<<10 {
		t.Fatalf("wrote %d bytes, err %v", n, err)
	}
}

func TestEBCDICHeader(t *testing.T) {
	if got := EBCDIC([]byte("1MHG")); !bytes.Equal(got, []byte{0xF1, 0xD4, 0xC8, 0xC7}) {
		t.Fatalf("% X", got)
	}
}

func TestCasesHaveData(t *testing.T) {
	names := map[string]bool{}
	for _, c := range Cases() {
		if names[c.Name] || c.Rule == "" || c.Offset < -1 || c.Offset > int64(len(c.Data)) {
			t.Errorf("case %+v", c.Name)
		}
		names[c.Name] = true
	}
}

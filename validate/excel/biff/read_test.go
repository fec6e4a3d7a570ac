package biff

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"reflect"
	"runtime"
	"testing"
)

func rec(typ uint16, parts ...[]byte) []byte {
	body := bytes.Join(parts, nil)
	out := binary.LittleEndian.AppendUint16(nil, typ)
	out = binary.LittleEndian.AppendUint16(out, uint16(len(body)))
	return append(out, body...)
}

func u16(v uint16) []byte { return binary.LittleEndian.AppendUint16(nil, v) }
func u32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }
func f64(v float64) []byte {
	return binary.LittleEndian.AppendUint64(nil, math.Float64bits(v))
}

// cell is the row, column and XF index every cell record starts with.
func cell(row, col, xf uint16) []byte { return bytes.Join([][]byte{u16(row), u16(col), u16(xf)}, nil) }

// rkInt is the RK form of an integer.
func rkInt(v int32) uint32 { return uint32(v)<<2 | 0x02 }

func bof(dt uint16) []byte { return rec(recBOF, u16(0x0600), u16(dt), make([]byte, 12)) }
func eofRec() []byte       { return rec(recEOF) }

// str8 is an XLUnicodeString with a 2-byte count, 8-bit characters.
func str8(s string) []byte { return append(append(u16(uint16(len(s))), 0), s...) }

// boundsheet names a worksheet whose BOF is at pos.
func boundsheet(pos uint32, name string, hidden bool) []byte {
	vis := byte(0)
	if hidden {
		vis = 1
	}
	return rec(recBOUNDSHEET, u32(pos), []byte{vis, 0, byte(len(name)), 0}, []byte(name))
}

// workbook lays out globals (with one BOUNDSHEET per sheet, offsets filled
// in) followed by the sheets' substreams.
func workbook(globals [][]byte, names []string, sheets ...[][]byte) []byte {
	var bsLen int
	for _, n := range names {
		bsLen += len(boundsheet(0, n, false))
	}
	head := append([]byte(nil), bof(0x0005)...)
	for _, g := range globals {
		head = append(head, g...)
	}
	pos := uint32(len(head) + bsLen + len(eofRec()))
	var bs, body []byte
	for i, n := range names {
		bs = append(bs, boundsheet(pos+uint32(len(body)), n, false)...)
		body = append(body, bof(0x0010)...)
		for _, r := range sheets[i] {
			body = append(body, r...)
		}
		body = append(body, eofRec()...)
	}
	return bytes.Join([][]byte{head, bs, eofRec(), body}, nil)
}

type got struct {
	sheets []string
	rows   map[string][][]string // sheet -> rows (index rowNum-1)
}

func read(t *testing.T, stream []byte) (got, error) {
	t.Helper()
	g := got{rows: map[string][][]string{}}
	var cur string
	err := Read(bytes.NewReader(stream), Limits{MaxHeld: 1 << 20}, Handler{
		Sheet: func(_ int, s Sheet) { cur = s.Name; g.sheets = append(g.sheets, s.Name) },
		Row: func(n int, cols []string) {
			rows := g.rows[cur]
			for len(rows) < n {
				rows = append(rows, nil)
			}
			rows[n-1] = append([]string(nil), cols...)
			g.rows[cur] = rows
		},
	})
	return g, err
}

func TestCellRecords(t *testing.T) {
	// SST: "Policy" (8-bit), "Müller" split across a CONTINUE that switches
	// to 16-bit characters, then "Zoë" with a rich-text run.
	sst := rec(recSST, u32(3), u32(3), str8("Policy"), u16(6), []byte{0}, []byte{'M', 0xFC})
	cont := rec(recCONTINUE, []byte{1}, []byte{'l', 0, 'l', 0, 'e', 0, 'r', 0},
		u16(3), []byte{0x08}, u16(1), []byte("Zo\xeb"), make([]byte, 4))
	globals := [][]byte{
		rec(recDATEMODE, u16(0)),
		rec(recFORMAT, u16(164), str8("mm/dd/yyyy")),
		rec(recFORMAT, u16(165), str8(`"Due "0.00`)),
		rec(recXF, u16(0), u16(0), make([]byte, 16)),   // XF 0: General
		rec(recXF, u16(0), u16(164), make([]byte, 16)), // XF 1: a custom date
		rec(recXF, u16(0), u16(14), make([]byte, 16)),  // XF 2: the built-in date
		rec(recXF, u16(0), u16(165), make([]byte, 16)), // XF 3: quoted text, not a date
		sst, cont,
	}
	sheet := [][]byte{
		rec(recLABELSST, cell(0, 0, 0), u32(0)),
		rec(recLABELSST, cell(0, 1, 0), u32(1)),
		rec(recLABEL, cell(0, 2, 0), str8("Plain")),
		rec(recLABELSST, cell(0, 3, 0), u32(2)),
		rec(recNUMBER, cell(1, 0, 0), f64(1234.5)),
		rec(recNUMBER, cell(1, 1, 1), f64(46023)), // 2026-01-01
		rec(recRK, cell(1, 2, 0), u32(rkInt(-25))),
		rec(recRK, cell(1, 3, 0), u32(uint32(12345)<<2|0x03)), // 123.45
		// MULRK: A3 in XF 2 (a date), B3 in XF 3 (a quoted "Due " format, not a date), last column 1.
		rec(recMULRK, cell(2, 0, 2), u32(rkInt(46054)), u16(3), u32(rkInt(7)), u16(1)),
		rec(recBOOLERR, cell(3, 0, 0), []byte{1, 0}),
		rec(recBOOLERR, cell(3, 1, 0), []byte{0x07, 1}),
		rec(recFORMULA, cell(3, 2, 0), f64(42), u16(0), u32(0), u16(0)),
		rec(recFORMULA, cell(3, 3, 0), []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, u16(0), u32(0), u16(0)),
		rec(recSTRING, str8("from a formula")),
		rec(recFORMULA, cell(3, 4, 0), []byte{2, 0, 0x17, 0, 0, 0, 0xFF, 0xFF}, u16(0), u32(0), u16(0)),
		rec(recDBCELL, u32(0)),
	}
	g, err := read(t, workbook(globals, []string{"Policies"}, sheet))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Policy", "Müller", "Plain", "Zoë"},
		{"1234.5", "2026-01-01", "-25", "123.45"},
		{"2026-02-01", "7"},
		{"TRUE", "#DIV/0!", "42", "from a formula", "#REF!"},
	}
	if !reflect.DeepEqual(g.rows["Policies"], want) {
		t.Errorf("rows\n got %q\nwant %q", g.rows["Policies"], want)
	}
}

func TestRowsComeInOrderWhateverTheRecordOrder(t *testing.T) {
	sheet := [][]byte{
		rec(recLABEL, cell(2, 0, 0), str8("third")),
		rec(recLABEL, cell(0, 0, 0), str8("first")),
		rec(recLABEL, cell(1, 1, 0), str8("second")),
		rec(recLABEL, cell(1, 0, 0), str8("second A")),
	}
	g, err := read(t, workbook(nil, []string{"S"}, sheet))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"first"}, {"second A", "second"}, {"third"}}
	if !reflect.DeepEqual(g.rows["S"], want) {
		t.Errorf("got %q, want %q", g.rows["S"], want)
	}
}

func TestDateSystems(t *testing.T) {
	for _, tc := range []struct {
		v     float64
		d1904 bool
		want  string
	}{{46023, false, "2026-01-01"}, {44561, true, "2026-01-01"}, {46023.5, false, "2026-01-01 12:00:00"}, {1, false, "1900-01-01"}} {
		if got := number(tc.v, true, tc.d1904); got != tc.want {
			t.Errorf("number(%v, 1904=%v) = %s, want %s", tc.v, tc.d1904, got, tc.want)
		}
	}
	for code, want := range map[string]bool{"General": false, "0.00": false, "yyyy-mm-dd": true, `[Red]0.00`: false,
		`"day "0`: false, "[h]:mm": true, `#,##0\ "USD"`: false, "d-mmm-yy": true, "0.00E+00": false} {
		if isDateFormat(code) != want {
			t.Errorf("isDateFormat(%q) = %v", code, !want)
		}
	}
}

func TestDamagedAndRefused(t *testing.T) {
	good := workbook(nil, []string{"S"}, [][]byte{rec(recLABEL, cell(0, 0, 0), str8("x"))})
	for name, tc := range map[string]struct {
		stream []byte
		want   error
	}{
		"BIFF5":        {append(rec(recBOF, u16(0x0500), u16(5), make([]byte, 4)), eofRec()...), ErrBIFF5},
		"password":     {bytes.Join([][]byte{bof(5), rec(recFILEPASS, make([]byte, 54)), eofRec()}, nil), ErrEncrypted},
		"cut":          {good[:len(good)-6], &FormatError{}},
		"bad SST ref":  {workbook(nil, []string{"S"}, [][]byte{rec(recLABELSST, cell(0, 0, 0), u32(9))}), &FormatError{}},
		"column 300":   {workbook(nil, []string{"S"}, [][]byte{rec(recLABEL, cell(0, 300, 0), str8("x"))}), &FormatError{}},
		"SST too long": {workbook([][]byte{rec(recSST, u32(2), u32(2), str8("a"))}, []string{"S"}, nil), &FormatError{}},
		"no BOF":       {eofRec(), &FormatError{}},
	} {
		_, err := read(t, tc.stream)
		var fe *FormatError
		switch {
		case err == nil:
			t.Errorf("%s: no error", name)
		case errors.As(tc.want, &fe):
			if !errors.As(err, &fe) || fe.Text == "" {
				t.Errorf("%s: %v, want a FormatError", name, err)
			}
		case !errors.Is(err, tc.want):
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
	}
}

func TestSharedStringsAreBounded(t *testing.T) {
	// 2,000 strings of 1,000 characters: 2 MB, over a 1 MiB limit.
	var segs [][]byte
	body := append(u32(2000), u32(2000)...)
	for i := 0; i < 2000; i++ {
		body = append(body, str8(string(bytes.Repeat([]byte{'a' + byte(i%26)}, 1000)))...)
	}
	first := true
	for len(body) > 0 {
		n := min(len(body), 8224)
		typ := uint16(recCONTINUE)
		if first {
			typ, first = recSST, false
		}
		segs = append(segs, rec(typ, body[:n]))
		body = body[n:]
	}
	_, err := read(t, workbook(segs, []string{"S"}, nil))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

// TestDeclaredCountsAreNotTrusted: an SST that announces 2^32-1 strings but
// holds one is refused without reserving room for what it announces.
func TestDeclaredCountsAreNotTrusted(t *testing.T) {
	stream := workbook([][]byte{rec(recSST, u32(0xFFFFFFFF), u32(0xFFFFFFFF), str8("only one"))}, []string{"S"}, nil)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := read(t, stream)
	runtime.ReadMemStats(&after)
	var fe *FormatError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want a FormatError", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
		t.Errorf("allocated %d bytes for a 30-byte table", grew)
	}
}

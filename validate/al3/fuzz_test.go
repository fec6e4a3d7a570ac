package al3_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/iotest"

	"exchange/internal/samples"
	"exchange/validate/al3"
	"exchange/validate/al3/al3gen"
)

// seedCorpus adds generated files: every layout, every case, and the sample's
// variants when the sample is present.
func seedCorpus(f *testing.F) {
	for _, l := range []al3gen.Layout{al3gen.CRLF, {}, {Separator: "\n", CountSeparator: true}, {Separator: "\r\n", Compress: true}, {Compress: true, Marker: 0xB3}} {
		f.Add(al3gen.New(l).Message(2, 2).Bytes())
	}
	for _, c := range al3gen.Cases() {
		f.Add(c.Data)
	}
	if data, err := os.ReadFile(filepath.Join(samples.Dir(), "DLTEST.DAT")); err == nil {
		for _, v := range al3gen.Variants(data) {
			f.Add(v.Data)
		}
	}
}

// FuzzCheck: no panic, no hang, findings inside the file, a bounded report,
// and the same answer whatever the read sizes and window size.
func FuzzCheck(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, sum, err := al3.Check(bytes.NewReader(data), al3.Options{Name: "f.al3"})
		if err != nil {
			t.Fatalf("Check on memory failed: %v", err)
		}
		if sum == nil {
			t.Fatal("nil summary")
		}
		if len(fs) > 30*(al3.DefaultMaxPerRule+1) {
			t.Fatalf("%d findings: the cap does not hold", len(fs))
		}
		for _, x := range fs {
			if x.Offset < -1 || x.Offset > int64(len(data)) || x.Line < 0 || x.Text == "" {
				t.Fatalf("bad finding %+v for %d bytes", x, len(data))
			}
			if _, ok := al3.SeverityOf(x.Rule); !ok {
				t.Fatalf("unknown rule %q", x.Rule)
			}
		}
		assertSameForEveryReadSize(t, data)
	})
}

// assertSameForEveryReadSize checks data with one large read and with 1-, 2-,
// 3-, 4-, 7- and 13-byte reads (and iotest.OneByteReader, iotest.HalfReader),
// in the default and the smallest window, and fails unless every answer is the same.
func assertSameForEveryReadSize(t *testing.T, data []byte) {
	t.Helper()
	opts := al3.Options{Name: "f.al3"}
	want, wantOmitted, wantSum, err := al3.Run(bytes.NewReader(data), opts)
	if err != nil {
		t.Fatalf("Check on memory failed: %v", err)
	}
	readers := map[string]func() io.Reader{
		"OneByteReader": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) },
		"HalfReader":    func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) },
	}
	for _, chunk := range []int{1, 2, 3, 4, 7, 13, 4093} {
		readers[fmt.Sprintf("%d-byte reads", chunk)] = func() io.Reader { return &slowReader{data: data, chunk: chunk} }
	}
	for _, small := range []bool{false, true} {
		for name, r := range readers {
			restore := func() {}
			if small {
				restore = al3.SetBufferSize(0)
				name += ", smallest window"
			}
			got, gotOmitted, gotSum, err := al3.Run(r(), opts)
			restore()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !reflect.DeepEqual(want, got) || !reflect.DeepEqual(wantOmitted, gotOmitted) || !reflect.DeepEqual(wantSum, gotSum) {
				t.Fatalf("%s: answers differ from one large read:%s %+v\nversus:%s %+v", name, dump(want), wantOmitted, dump(got), gotOmitted)
			}
		}
	}
}

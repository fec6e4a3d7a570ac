package al3_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

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
		restore := al3.SetBufferSize(0) // the smallest window
		defer restore()
		fs2, sum2, err := al3.Check(&slowReader{data: data, chunk: 1 + len(data)%7}, al3.Options{Name: "f.al3"})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fs, fs2) || !reflect.DeepEqual(sum, sum2) {
			t.Fatalf("answers differ with small reads and window:%s\nversus:%s", dump(fs), dump(fs2))
		}
	})
}

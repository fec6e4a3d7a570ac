package excel

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// emptyEntries is an archive of n empty stored entries after a workbook's
// two required parts: about 100 bytes an entry, which archive/zip turns
// into about 200 bytes of memory each.
func emptyEntries(t testing.TB, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte("<x/>"))
	}
	for i := 0; i < n; i++ {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("xl/e%d", i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCountZipEntries counts what archive/zip reads: plain archives, ZIP64
// ones (more than 65,535 entries), and archives with data prepended.
func TestCountZipEntries(t *testing.T) {
	book := book(t, map[string][][]any{"P": policies}, "P")
	big := emptyEntries(t, 70000)
	for name, data := range map[string][]byte{
		"workbook":          book,
		"ZIP64":             big,
		"prepended data":    append(bytes.Repeat([]byte("MZ stub "), 100), book...),
		"archive comment":   withComment(t, book, strings.Repeat("c", 300)),
		"200 extra entries": withParts(t, book, 200, 10, false),
	} {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n, err := CountZipEntries(bytes.NewReader(data), int64(len(data)), 1<<20)
		if err != nil || n != len(zr.File) {
			t.Errorf("%s: counted %d (%v), archive/zip reads %d", name, n, err, len(zr.File))
		}
		if n, err := CountZipEntries(bytes.NewReader(data), int64(len(data)), len(zr.File)-1); !errors.Is(err, ErrTooManyParts) || n != len(zr.File) {
			t.Errorf("%s with a limit one short: %d, %v", name, n, err)
		}
	}
}

func withComment(t testing.TB, src []byte, comment string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		zw.Copy(f)
	}
	zw.SetComment(comment)
	zw.Close()
	return b.Bytes()
}

// TestManyEntriesAreRefusedBeforeReading: an archive of 200,000 empty
// entries (20 MB) took about 48 MB of memory to list before its parts were
// counted; now it is refused from its streamed directory.
func TestManyEntriesAreRefusedBeforeReading(t *testing.T) {
	data := emptyEntries(t, 200000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fs, _, err := CheckWorkbook(bytes.NewReader(data), int64(len(data)), Options{})
	runtime.ReadMemStats(&after)
	if err != nil || len(fs) != 1 || fs[0].Rule != RuleTooLarge || !strings.Contains(fs[0].Text, "parts") {
		t.Errorf("findings %+v, %v", fs, err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
		t.Errorf("allocated %d KB to refuse it, more than 4 MB", got>>10)
	} else {
		t.Logf("%d KB file refused with %d KB allocated", len(data)>>10, got>>10)
	}
}

// FuzzCountZipEntries: the streamed count is a true bound: never fewer than
// the entries archive/zip lists, whatever the archive.
func FuzzCountZipEntries(f *testing.F) {
	b := book(f, map[string][][]any{"P": policies}, "P")
	f.Add(b)
	f.Add(emptyEntries(f, 30))
	f.Add(append([]byte("prefix"), b...))
	f.Add(withComment(f, b, "PK\x05\x06 in the comment"))
	f.Fuzz(func(t *testing.T, data []byte) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		n, err := CountZipEntries(bytes.NewReader(data), int64(len(data)), 1<<20)
		if err != nil || n < len(zr.File) {
			t.Fatalf("counted %d (%v), archive/zip lists %d", n, err, len(zr.File))
		}
	})
}

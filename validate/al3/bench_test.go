package al3_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"exchange/validate/al3"
	"exchange/validate/al3/al3gen"
	"exchange/validate/report"
)

// benchFile writes a generated AL3 file of AL3_BENCH_MB megabytes (200 by
// default) in layout l into a temporary directory and returns its path and size.
func benchFile(b *testing.B, l al3gen.Layout) (string, int64) {
	b.Helper()
	mb := 200
	if s := os.Getenv("AL3_BENCH_MB"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("AL3_BENCH_MB: %v", err)
		}
		mb = n
	}
	path := filepath.Join(b.TempDir(), "large.al3")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	n, err := al3gen.WriteLarge(f, int64(mb)<<20, l)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	return path, n
}

func benchCheck(b *testing.B, l al3gen.Layout) {
	path, size := benchFile(b, l)
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		fs, _, err := al3.Check(f, al3.Options{})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, x := range fs {
			if x.Severity != report.SeverityInfo {
				b.Fatalf("generated file has a finding: %+v", x)
			}
		}
	}
}

// BenchmarkCheck streams a generated CR LF file of 200 MB (AL3_BENCH_MB)
// through the checker. Compare with BenchmarkPlainRead on the same file.
func BenchmarkCheck(b *testing.B) { benchCheck(b, al3gen.CRLF) }

// BenchmarkCheckPacked is the same on a file without line breaks.
func BenchmarkCheckPacked(b *testing.B) { benchCheck(b, al3gen.Layout{}) }

// BenchmarkCheckCompressed is the same on a run-length compressed file (its
// size counts the compressed bytes read).
func BenchmarkCheckCompressed(b *testing.B) {
	benchCheck(b, al3gen.Layout{Separator: "\r\n", Compress: true})
}

// BenchmarkPlainRead reads the same kind of file with io.Copy to io.Discard and
// a buffer of the checker's size: the floor the checker is measured against.
func BenchmarkPlainRead(b *testing.B) {
	path, size := benchFile(b, al3gen.CRLF)
	buf := make([]byte, al3.BufferSize)
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		// the wrappers hide WriteTo/ReadFrom so that the buffer is really used
		_, err = io.CopyBuffer(struct{ io.Writer }{io.Discard}, struct{ io.Reader }{f}, buf)
		f.Close()
		if err != nil {
			b.Fatal(fmt.Errorf("plain read: %w", err))
		}
	}
}

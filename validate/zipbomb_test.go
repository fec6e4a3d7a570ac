package validate_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"runtime"
	"strings"
	"sync"
	"testing"

	"exchange/validate"
)

// hostileWorkbook is issue 15's file: a workbook (parts enough for detection)
// with n extra parts of exactly 1 MiB of zeros each, compressed once.
func hostileWorkbook(t *testing.T, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"xl/workbook.xml":     `<?xml version="1.0"?><workbook/>`,
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	mib := make([]byte, 1<<20)
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	fw.Write(mib)
	fw.Close()
	for i := 0; i < n; i++ {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("xl/media/pad%04d.bin", i), Method: zip.Deflate,
			CRC32: crc32.ChecksumIEEE(mib), CompressedSize64: uint64(packed.Len()), UncompressedSize64: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(packed.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestHostileWorkbooksAtOnce: three of issue 15's files (1,000 parts of
// exactly 1 MiB, 2.4 GB to check each, 7.3 GB for three) validated at once
// are refused, detection included, allocating little.
func TestHostileWorkbooksAtOnce(t *testing.T) {
	data := hostileWorkbook(t, 1000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	reps := make([]*validate.Report, 3)
	errs := make([]error, 3)
	var wg sync.WaitGroup
	for i := range reps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reps[i], errs[i] = validate.Reader(bytes.NewReader(data), "bomb.xlsx", int64(len(data)), validate.Options{})
		}()
	}
	wg.Wait()
	runtime.ReadMemStats(&after)
	for i, rep := range reps {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if rep.Valid || rep.Kind != validate.KindXLSX || len(rep.Findings) != 1 || !strings.Contains(rep.Findings[0].Text, "zip bomb") {
			t.Errorf("report = %+v", rep)
		}
	}
	const budget = 32 << 20
	if got := after.TotalAlloc - before.TotalAlloc; got > budget {
		t.Errorf("three checks allocated %d MB in all, more than %d MB", got>>20, budget>>20)
	} else {
		t.Logf("three checks allocated %d KB in all", got>>10)
	}
}

// TestArchiveOfManyEntriesIsNotListed: detection refuses an archive of more
// entries than a workbook may have from its streamed directory, before
// archive/zip lists them all in memory.
func TestArchiveOfManyEntriesIsNotListed(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i < 10001; i++ {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("f%d.dat", i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	d, err := validate.Detect(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil || d.Kind != validate.KindUnknown || d.Finding == nil || !strings.Contains(d.Finding.Text, "more than 10000 files") {
		t.Errorf("detection = %+v, %v", d, err)
	}
}

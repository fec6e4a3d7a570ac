package excel

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The benchmark workbook: 1,000,000 rows × 10 columns, made with excelize's
// StreamWriter (a minute or so) and reused by both benchmarks; with
// EXCHANGE_BENCH_XLSX set, it is kept at that path and reused across runs, so
// that bench/excel.sh can measure each benchmark's memory in its own process.
var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

func bigWorkbook(b *testing.B) string {
	bigOnce.Do(func() {
		if p := os.Getenv("EXCHANGE_BENCH_XLSX"); p != "" {
			bigPath = p
			if _, err := os.Stat(p); err == nil {
				return
			}
		} else {
			dir, err := os.MkdirTemp("", "exchange-excel-bench-")
			if err != nil {
				bigErr = err
				return
			}
			bigPath = filepath.Join(dir, "big.xlsx")
		}
		f := excelize.NewFile()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			bigErr = err
			return
		}
		row := make([]any, 10)
		for r := 1; r <= 1_000_000; r++ {
			for c := range row {
				if c%2 == 0 {
					row[c] = r * (c + 1)
				} else {
					row[c] = fmt.Sprintf("text %d-%d", r, c)
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if bigErr = sw.SetRow(cell, row); bigErr != nil {
				return
			}
		}
		if bigErr = sw.Flush(); bigErr != nil {
			return
		}
		bigErr = f.SaveAs(bigPath)
		f.Close()
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigPath
}

// bigWorkbookBytes reads the big workbook into memory for a benchmark.
func bigWorkbookBytes(b *testing.B) []byte {
	data, err := os.ReadFile(bigWorkbook(b))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	return data
}

// BenchmarkCheckWorkbookMillionRows is the checker on the big workbook.
func BenchmarkCheckWorkbookMillionRows(b *testing.B) {
	data := bigWorkbookBytes(b)
	b.ResetTimer()
	for range b.N {
		fs, sum, err := CheckWorkbook(bytes.NewReader(data), int64(len(data)), Options{})
		if err != nil || len(fs) != 0 || sum.Sheets[0].Rows != 1_000_000 {
			b.Fatalf("%v %+v %+v", err, fs, sum)
		}
	}
	reportPeak(b)
}

// BenchmarkBareExcelizeMillionRows is excelize's own row iteration, the floor.
func BenchmarkBareExcelizeMillionRows(b *testing.B) {
	data := bigWorkbookBytes(b)
	b.ResetTimer()
	for range b.N {
		f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipXMLSizeLimit: 16 << 20})
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			if _, err := rows.Columns(); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		f.Close()
		if n != 1_000_000 {
			b.Fatalf("%d rows", n)
		}
	}
	reportPeak(b)
}

// reportPeak reports the heap's high-water mark seen by the runtime (the
// process peak RSS is measured by bench/excel.sh with /usr/bin/time).
func reportPeak(b *testing.B) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapSys)/(1<<20), "heap-sys-MiB")
}

// Command excelizewriter writes small workbooks with excelize, the library
// Exchange itself reads workbooks with, for the real-writers corpus (see
// scripts/gen-realworld-testdata.sh): the cell-by-cell API and the stream
// writer, which lay out their parts differently.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
)

var header = []any{"Policy Number", "Insured Name", "Effective Date", "Premium", "Line"}

func row(i int) []any {
	lines := []string{"AUTOP", "HOME", "PROP", "UMBRP"}
	return []any{fmt.Sprintf("P-%06d", i), fmt.Sprintf("Insured %d – Müller & Søn", i),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%365), 100 + float64(i)*1.37, lines[i%len(lines)]}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: excelizewriter DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	for name, write := range map[string]func(*excelize.File) error{
		"excelize-cells.xlsx":       cells,
		"excelize-stream-5000.xlsx": stream,
	} {
		f := excelize.NewFile()
		err := write(f)
		if err == nil {
			err = f.SaveAs(filepath.Join(dir, name))
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
			os.Exit(1)
		}
	}
}

// cells writes cell by cell: two sheets (one hidden), a date style, a formula.
func cells(f *excelize.File) error {
	if err := f.SetSheetName("Sheet1", "Policies"); err != nil {
		return err
	}
	if err := f.SetSheetRow("Policies", "A1", &header); err != nil {
		return err
	}
	for i := 1; i <= 40; i++ {
		r := row(i)
		if err := f.SetSheetRow("Policies", fmt.Sprintf("A%d", i+1), &r); err != nil {
			return err
		}
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	if err := f.SetColStyle("Policies", "C", style); err != nil {
		return err
	}
	if err := f.SetCellFormula("Policies", "D43", "SUM(D2:D41)"); err != nil {
		return err
	}
	if _, err := f.NewSheet("Lists"); err != nil {
		return err
	}
	if err := f.SetCellValue("Lists", "A1", "AUTOP"); err != nil {
		return err
	}
	return f.SetSheetVisible("Lists", false)
}

// stream writes 5,000 rows with the stream writer.
func stream(f *excelize.File) error {
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for i := 1; i <= 5000; i++ {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), row(i)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

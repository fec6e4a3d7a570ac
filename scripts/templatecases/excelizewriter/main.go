// Command excelizewriter writes the template cases of cases.py (read from the
// cases.json it leaves) with excelize, so each case exists as written by
// openpyxl, xlwt and excelize (see scripts/gen-realworld-testdata.sh).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: excelizewriter DIR (holding cases.json)")
		os.Exit(2)
	}
	dir := os.Args[1]
	raw, err := os.ReadFile(filepath.Join(dir, "cases.json"))
	if err != nil {
		fail(err)
	}
	var cases map[string][][]any
	if err := json.Unmarshal(raw, &cases); err != nil {
		fail(err)
	}
	for name, rows := range cases {
		if err := write(filepath.Join(dir, "excelize-"+name+".xlsx"), rows, name == "nexsure-protected-sheet"); err != nil {
			fail(fmt.Errorf("%s: %w", name, err))
		}
	}
}

// write puts rows on a sheet named Policies with the stream writer; a cell
// {"date": "2026-01-01"} becomes a date with a date format. protect protects
// the sheet with a password (against editing; it stays readable).
func write(path string, rows [][]any, protect bool) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Policies"); err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	if protect { // before the stream writer, which writes the sheet's settings as they are then
		if err := f.ProtectSheet("Policies", &excelize.SheetProtectionOptions{Password: "clerk"}); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter("Policies")
	if err != nil {
		return err
	}
	for i, r := range rows {
		if r == nil {
			continue // a blank row
		}
		cells := make([]any, len(r))
		for c, v := range r {
			cells[c] = v
			if m, ok := v.(map[string]any); ok {
				d, err := time.Parse("2006-01-02", fmt.Sprint(m["date"]))
				if err != nil {
					return err
				}
				cells[c] = excelize.Cell{StyleID: dateStyle, Value: d}
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "excelizewriter:", err)
	os.Exit(1)
}

package validate_test

import (
	"path/filepath"
	"strings"
	"testing"

	"exchange/validate"
	"exchange/validate/excel"
)

// TestXLSCellsAreRead: the cells of every BIFF8 .xls written by xlwt and
// Gnumeric are read (issue 24): sheets have their rows counted, and no
// finding says the cells were not checked.
func TestXLSCellsAreRead(t *testing.T) {
	var paths []string
	for _, dir := range []string{"realworld", "templates"} {
		p, _ := filepath.Glob(filepath.Join("testdata", dir, "*.xls"))
		paths = append(paths, p...)
	}
	if len(paths) < 10 {
		t.Fatalf("only %d .xls files: run scripts/gen-realworld-testdata.sh", len(paths))
	}
	for _, p := range paths {
		if strings.Contains(p, "biff7-wrong") {
			continue // Excel 5.0/95 only: TestXLSOldFormatSaysItsCellsAreUnchecked
		}
		t.Run(filepath.Base(p), func(t *testing.T) {
			rep, err := validate.File(p, validate.Options{})
			if err != nil {
				t.Fatal(err)
			}
			rows := 0
			for _, s := range rep.Excel.Sheets {
				rows += s.Rows
			}
			if rows == 0 {
				t.Errorf("no rows read: %+v", rep.Excel.Sheets)
			}
			for _, f := range rep.Findings {
				if f.Rule == excel.RuleLegacyCellsUnchecked || f.Severity == validate.SeverityError {
					t.Errorf("finding %+v", f)
				}
			}
			if !strings.Contains(rep.Checked, "row by row") {
				t.Errorf("checked = %q", rep.Checked)
			}
		})
	}
}

// TestXLSFormulaErrorIsWarned: a formula's cached #DIV/0! in an .xls (Gnumeric
// computed it) is a warning naming the sheet and cell, as in an .xlsx.
func TestXLSFormulaErrorIsWarned(t *testing.T) {
	rep, err := validate.File(filepath.Join("testdata", "templates", "gnumeric-formula-error.xls"), validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ws := rep.Warnings()
	if len(ws) != 1 || ws[0].Rule != excel.RuleFormulaError || ws[0].Sheet != "Policies" || ws[0].Cell != "B2" || !strings.Contains(ws[0].Text, "#DIV/0!") {
		t.Errorf("warnings = %+v", ws)
	}
	if !rep.Valid {
		t.Errorf("a warning made the file invalid: %+v", rep.Findings)
	}
}

// TestXLSOldFormatSaysItsCellsAreUnchecked: the cells of an Excel 5.0/95 file
// are not read; without a template that is a warning, never silence.
func TestXLSOldFormatSaysItsCellsAreUnchecked(t *testing.T) {
	rep, err := validate.File(filepath.Join("testdata", "templates", "gnumeric-biff7-wrong-columns-here.xls"), validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ws := rep.Warnings()
	if len(ws) != 1 || ws[0].Rule != excel.RuleLegacyCellsUnchecked || !strings.Contains(ws[0].Text, "5.0/95") {
		t.Errorf("warnings = %+v", rep.Findings)
	}
}

// TestXLSAndXLSXReadAlike: each template case gives the same sheet sizes
// whether xlwt wrote it as .xls or openpyxl as .xlsx.
func TestXLSAndXLSXReadAlike(t *testing.T) {
	xls, _ := filepath.Glob(filepath.Join("testdata", "templates", "xlwt-*.xls"))
	if len(xls) == 0 {
		t.Fatal("no xlwt cases")
	}
	for _, p := range xls {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "xlwt-"), ".xls")
		a, err := validate.File(p, validate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := validate.File(filepath.Join("testdata", "templates", "openpyxl-"+name+".xlsx"), validate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Excel.Sheets) != 1 || len(b.Excel.Sheets) != 1 || a.Excel.Sheets[0] != b.Excel.Sheets[0] {
			t.Errorf("%s: xls %+v, xlsx %+v", name, a.Excel.Sheets, b.Excel.Sheets)
		}
	}
}

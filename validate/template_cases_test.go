package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/validate"
	"exchange/validate/excel"
)

// TestNexsureBasicCases: each case of scripts/templatecases, as written by
// openpyxl and excelize (.xlsx), xlwt and Gnumeric (.xls), gives the same
// findings against the built-in nexsure-basic template: one per problem
// column, one per bad cell with its value, and the summary line.
func TestNexsureBasicCases(t *testing.T) {
	tmpl, err := excel.FindTemplate("nexsure-basic")
	if err != nil {
		t.Fatal(err)
	}
	if len(tmpl.Columns) != 22 {
		t.Fatalf("nexsure-basic has %d columns, want 22", len(tmpl.Columns))
	}
	type want struct {
		findings []string // "rule cell: words in the text"
		summary  string
	}
	cases := map[string]want{
		"nexsure-right": {nil, "22 columns as Nexsure expects; 6 policy rows."},
		"nexsure-missing-column": {[]string{
			"xlsx/template-missing-column F1: Column 6 (F) should be Client Type, found SIC Code: Client Type is missing, so the columns from here on are shifted by one.",
		}, "1 column problem against the 22 columns Nexsure expects; 6 policy rows."},
		"nexsure-swapped": {[]string{
			"xlsx/template-column-order L1: Column 12 (L) should be Location City, found Location State: columns 12 and 13 are swapped.",
			"xlsx/template-column-order M1: Column 13 (M) should be Location State, found Location City: columns 12 and 13 are swapped.",
		}, "2 column problems against the 22 columns Nexsure expects; 6 policy rows."},
		"nexsure-extra-column": {[]string{
			"xlsx/template-extra-column I1: Column 9 (I) is Notes, which is not a column of the nexsure-basic format: remove it, so the columns after it move back by one.",
		}, "1 column problem against the 22 columns Nexsure expects; 6 policy rows."},
		"nexsure-bad-dates": {[]string{
			`xlsx/template-bad-cell C3: Cell C3 (Effective Date) holds "13/45/2026", which is not a date`,
			`xlsx/template-bad-cell D5: Cell D5 (Expiration Date) holds "next year", which is not a date`,
		}, "22 columns as Nexsure expects; 6 policy rows; 2 cells to correct."},
		"nexsure-bad-states": {[]string{
			`xlsx/template-bad-cell M2: Cell M2 (Location State) holds "Illinois", which is not a two-letter US state or territory code`,
			`xlsx/template-bad-cell M4: Cell M4 (Location State) holds "XX", which is not a two-letter US state or territory code`,
			`xlsx/template-bad-cell N6: Cell N6 (Location Zip) holds "6270", which is not a 5 or 9 digit ZIP code: a leading zero was probably lost`,
		}, "22 columns as Nexsure expects; 6 policy rows; 3 cells to correct."},
		"nexsure-blank-rows": {nil, "22 columns as Nexsure expects; 5 policy rows."},
		// A sheet protected against editing is still read and checked.
		"nexsure-protected-sheet": {[]string{
			`xlsx/template-bad-cell M2: Cell M2 (Location State) holds "Illinois"`,
			`xlsx/template-bad-cell M4: Cell M4 (Location State) holds "XX"`,
		}, "22 columns as Nexsure expects; 3 policy rows; 2 cells to correct."},
	}
	files := 0
	for name, w := range cases {
		for _, file := range []string{"openpyxl-" + name + ".xlsx", "excelize-" + name + ".xlsx", "xlwt-" + name + ".xls", "gnumeric-" + name + ".xls"} {
			path := filepath.Join("testdata", "templates", file)
			if _, err := os.Stat(path); err != nil {
				if !strings.HasPrefix(file, "gnumeric-") {
					t.Errorf("%s is missing: run scripts/gen-realworld-testdata.sh", file)
				}
				continue
			}
			files++
			t.Run(file, func(t *testing.T) {
				rep, err := validate.File(path, validate.Options{Excel: validate.ExcelOptions{Template: tmpl}})
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				summary := ""
				for _, f := range rep.Findings {
					if f.Rule == excel.RuleTemplateSummary {
						summary = f.Text
						continue
					}
					got = append(got, fmt.Sprintf("%s %s: %s", f.Rule, f.Cell, f.Text))
					if f.Sheet != "Policies" {
						t.Errorf("finding without its sheet: %+v", f)
					}
				}
				if len(got) != len(w.findings) {
					t.Fatalf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(w.findings, "\n"))
				}
				for i := range got {
					if !strings.HasPrefix(got[i], w.findings[i]) {
						t.Errorf("finding %d\n got %s\nwant %s…", i, got[i], w.findings[i])
					}
				}
				if summary != w.summary {
					t.Errorf("summary %q, want %q", summary, w.summary)
				}
				if rep.Valid != (len(w.findings) == 0) {
					t.Errorf("valid = %v", rep.Valid)
				}
			})
		}
	}
	if files < 3*len(cases)+2 {
		t.Errorf("only %d case files", files)
	}
}

package validate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/validate"
)

// TestRealWorldWritersAreNotRefused: workbooks written by openpyxl, xlwt,
// Gnumeric and excelize (scripts/gen-realworld-testdata.sh) are valid and
// of the kind their extension says, with their sheets found.
func TestRealWorldWritersAreNotRefused(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "realworld", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 10 {
		t.Fatalf("only %d files in testdata/realworld: run scripts/gen-realworld-testdata.sh", len(paths))
	}
	writers := map[string]bool{}
	for _, p := range paths {
		name := filepath.Base(p)
		writers[strings.SplitN(name, "-", 2)[0]] = true
		t.Run(name, func(t *testing.T) {
			rep, err := validate.File(p, validate.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := validate.KindXLSX
			if filepath.Ext(p) == ".xls" {
				want = validate.KindXLS
			}
			if rep.Kind != want || !rep.Valid || rep.ErrorCount() != 0 {
				t.Errorf("kind %s (want %s), valid %v, errors %+v", rep.Kind, want, rep.Valid, rep.Errors())
			}
			if rep.Excel == nil || len(rep.Excel.Sheets) == 0 {
				t.Fatalf("no sheets found: %+v", rep.Excel)
			}
			for _, s := range rep.Excel.Sheets {
				if s.Name == "" || strings.ContainsFunc(s.Name, func(r rune) bool { return r < 0x20 || r == 0xFFFD }) {
					t.Errorf("sheet name %q is misread", s.Name)
				}
			}
		})
	}
	for _, w := range []string{"openpyxl", "xlwt", "gnumeric", "excelize"} {
		if !writers[w] {
			t.Errorf("no file written by %s in testdata/realworld", w)
		}
	}
	if _, err := os.Stat(filepath.Join("testdata", "realworld", "xlwt-7-rows.xls")); err != nil {
		t.Errorf("the padded xlwt file of issue 14 #7 is missing: %v", err)
	}
}

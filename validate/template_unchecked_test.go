package validate_test

import (
	"path/filepath"
	"testing"

	"exchange/validate"
	"exchange/validate/excel"
)

// TestTemplateNeverPassesSilently: a workbook whose header row is "Wrong,
// Columns, Here", checked against a template, is never valid, whatever
// wrote it (issue 24: the xlwt .xls was reported valid).
func TestTemplateNeverPassesSilently(t *testing.T) {
	tmpl, err := excel.FindTemplate("policy-header-example")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"xlwt-wrong-columns-here.xls", "openpyxl-wrong-columns-here.xlsx", "excelize-wrong-columns-here.xlsx", "gnumeric-biff7-wrong-columns-here.xls"} {
		t.Run(name, func(t *testing.T) {
			rep, err := validate.File(filepath.Join("testdata", "templates", name), validate.Options{Excel: validate.ExcelOptions{Template: tmpl}})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Valid || rep.ErrorCount() == 0 {
				t.Fatalf("valid %v with findings %+v: a template that was not met (or not checked) passed", rep.Valid, rep.Findings)
			}
			for _, f := range rep.Errors() {
				if f.Text == "" {
					t.Errorf("finding without a reason: %+v", f)
				}
			}
		})
	}
}

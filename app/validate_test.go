package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/profile"
	"exchange/validate"
	"exchange/validate/excel"
)

func validateFile(t *testing.T, path string, p profile.Profile) *validate.Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	rep, err := ValidateFor(context.Background(), f, path, st.Size(), p)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestTemplateRequired: a profile that requires an import template refuses
// every workbook while it names none, and checks them once it does; other
// files are not concerned.
func TestTemplateRequired(t *testing.T) {
	t.Setenv("EXCHANGE_MACHINE_TEMPLATES", t.TempDir())
	cases := filepath.Join("..", "validate", "testdata", "templates")
	inbox := profile.Profile{Name: "Nexsure inbox", TemplateRequired: true}
	for _, book := range []string{"xlwt-nexsure-right.xls", "openpyxl-nexsure-right.xlsx"} {
		rep := validateFile(t, filepath.Join(cases, book), inbox)
		if rep.Valid || len(rep.Errors()) != 1 || rep.Errors()[0].Rule != excel.RuleTemplateRequired {
			t.Errorf("%s without a template: valid %v, %+v", book, rep.Valid, rep.Findings)
		}
	}
	inbox.Template = "nexsure-basic"
	if rep := validateFile(t, filepath.Join(cases, "xlwt-nexsure-right.xls"), inbox); !rep.Valid {
		t.Errorf("with its template: %+v", rep.Findings)
	}
	if rep := validateFile(t, filepath.Join(cases, "xlwt-nexsure-swapped.xls"), inbox); rep.Valid {
		t.Errorf("swapped columns passed: %+v", rep.Findings)
	}
	al3 := filepath.Join(t.TempDir(), "x.txt")
	if err := os.WriteFile(al3, []byte("plain text"), 0o600); err != nil {
		t.Fatal(err)
	}
	inbox.Template = ""
	for _, f := range validateFile(t, al3, inbox).Findings {
		if f.Rule == excel.RuleTemplateRequired {
			t.Errorf("a file that is not a workbook got %+v", f)
		}
	}
}

// TestMachineTemplates: a template file in the administrator's folder can be
// a profile's template.
func TestMachineTemplates(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("EXCHANGE_MACHINE_TEMPLATES", dir)
	if err := os.WriteFile(filepath.Join(dir, "lob-only.json"), []byte(`{"name": "lob-only", "columns": [{"name": "LOB"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := validateFile(t, filepath.Join("..", "validate", "testdata", "templates", "openpyxl-nexsure-right.xlsx"), profile.Profile{Name: "p", Template: "lob-only"})
	if rep.Valid || len(rep.Errors()) != 21 {
		t.Errorf("21 extra columns expected: %d errors", len(rep.Errors()))
	}
}

// TestTemplateNames: Settings is offered the built-in templates and the
// usable files of the administrator's folder, never a damaged one.
func TestTemplateNames(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("EXCHANGE_MACHINE_TEMPLATES", dir)
	if err := os.WriteFile(filepath.Join(dir, "c.json"), []byte(`{"name": "nexsure-client", "columns": [{"name": "Client Name"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"name": `), 0o644); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(TemplateNames(), ",")
	if got != "nexsure-basic,policy-header-example,nexsure-client" {
		t.Errorf("TemplateNames() = %s", got)
	}
}

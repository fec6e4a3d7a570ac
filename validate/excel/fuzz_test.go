package excel

import (
	"bytes"
	"os"
	"testing"
)

func FuzzCheckWorkbook(f *testing.F) {
	f.Add(book(f, map[string][][]any{"P": policies}, "P"))
	f.Add(book(f, map[string][][]any{"S": {{"#REF!", 1}}, "T": {{"x"}}}, "S", "T"))
	f.Add([]byte("PK\x03\x04 not really"))
	tmpl, _ := FindTemplate("policy-header-example")
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, sum, err := CheckWorkbook(bytes.NewReader(data), int64(len(data)), Options{Template: tmpl, MaxUncompressed: 64 << 20})
		if err != nil {
			t.Fatalf("in-memory read failed: %v", err)
		}
		if sum == nil {
			t.Fatal("nil summary")
		}
		for _, x := range fs {
			if x.Rule == "" || x.Text == "" {
				t.Fatalf("finding without rule or text: %+v", x)
			}
		}
	})
}

func FuzzCheckLegacy(f *testing.F) {
	f.Add(compoundFile(map[string][]byte{"Workbook": biff(bof(), boundsheetRecord("A", true), eof(), bof(), eof())}, []string{"Workbook"}))
	f.Add(compoundFile(map[string][]byte{"EncryptedPackage": {1}}, []string{"EncryptedPackage"}))
	for _, p := range []string{"../testdata/realworld/xlwt-7-rows.xls", "../testdata/templates/gnumeric-nexsure-bad-states.xls"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Legacy walks the structure (CheckLegacy), then reads the cells
		// against a template: every answer is findings with a reason.
		tmpl, _ := FindTemplate("policy-header-example")
		fs, _, _, _, err := Legacy(bytes.NewReader(data), int64(len(data)), Options{Template: tmpl})
		if err != nil {
			return // a read error of the in-memory reader cannot happen; mscfb errors are findings
		}
		for _, x := range fs {
			if x.Rule == "" || x.Text == "" {
				t.Fatalf("finding without rule or text: %+v", x)
			}
		}
	})
}

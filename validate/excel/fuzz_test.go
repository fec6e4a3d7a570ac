package excel

import (
	"bytes"
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
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, _, _, err := CheckLegacy(bytes.NewReader(data), int64(len(data)))
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

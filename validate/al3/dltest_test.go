package al3_test

import (
	"bytes"
	"testing"

	"exchange/internal/samples"
	"exchange/validate/al3"
	"exchange/validate/al3/al3gen"
	"exchange/validate/report"
)

func TestRealSampleOnlyTrailerCount(t *testing.T) {
	fs, sum, err := al3.Check(bytes.NewReader(samples.Read(t, "DLTEST.DAT")), al3.Options{Name: "DLTEST.DAT"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Rule != al3.RuleTrailerCount || fs[0].Severity != report.SeverityWarning {
		t.Fatalf("want exactly the trailer-count warning, got:%s", dump(fs))
	}
	if fs[0].Offset != 10254 || fs[0].Line != 52 || fs[0].Group != "3MTG" {
		t.Errorf("trailer-count finding = %+v", fs[0])
	}
	if sum.Messages != 1 || sum.Transactions != 2 || sum.Groups != 52 {
		t.Errorf("summary = %+v", sum)
	}
	if sum.Lines["PROP"] != 1 || sum.Lines["HOME"] != 1 || sum.Categories["P"] != 2 || sum.Purposes["PCH"] != 2 {
		t.Errorf("summary counts = %+v", sum)
	}
	if len(sum.Dates) != 1 || sum.Dates[0] != "2003-03-19" {
		t.Errorf("dates = %v", sum.Dates)
	}
}

func TestRealSampleVariants(t *testing.T) {
	for _, v := range al3gen.Variants(samples.Read(t, "DLTEST.DAT")) {
		t.Run(v.Name, func(t *testing.T) {
			fs, _ := check(t, v.Data, "DLTEST.DAT")
			if hasError(fs) == v.Valid {
				t.Errorf("valid = %v, want %v:%s", !hasError(fs), v.Valid, dump(fs))
			}
			if v.Rule == "" {
				return
			}
			for _, f := range fs {
				if f.Rule == v.Rule {
					return
				}
			}
			t.Errorf("want %s:%s", v.Rule, dump(fs))
		})
	}
}

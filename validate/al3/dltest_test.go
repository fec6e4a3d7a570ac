package al3_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"exchange/validate/al3"
	"exchange/validate/al3/al3gen"
	"exchange/validate/report"
)

// samplePath is the real public sample, kept outside the repository.
var samplePath = filepath.Join("..", "..", "..", "shared", "al3-samples", "DLTEST.DAT")

// readSample returns DLTEST.DAT, skipping when it is absent unless CI=true.
func readSample(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(samplePath)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the real AL3 sample is required in CI: %v", err)
		}
		t.Skipf("real AL3 sample not available (%v); run with ../shared present", err)
	}
	return data
}

func TestRealSampleOnlyTrailerCount(t *testing.T) {
	fs, sum, err := al3.Check(bytes.NewReader(readSample(t)), al3.Options{Name: "DLTEST.DAT"})
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
	for _, v := range al3gen.Variants(readSample(t)) {
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

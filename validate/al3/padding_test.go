package al3_test

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"

	"exchange/validate/al3"
	"exchange/validate/al3/al3gen"
	"exchange/validate/report"
)

// TestTrailingPadding: a block of NUL padding after the last trailer is a
// warning, as copies in fixed-size blocks leave it; more than MaxPadding (a
// valid file followed by gigabytes of NUL was "valid (2 warnings)") is an
// error that says where the padding starts and how long it is.
func TestTrailingPadding(t *testing.T) {
	valid := al3gen.Valid(al3gen.CRLF)
	for _, tc := range []struct {
		pad  int64
		rule string
		sev  report.Severity
	}{
		{1, al3.RuleNULPadding, report.SeverityWarning},
		{al3.MaxPadding, al3.RuleNULPadding, report.SeverityWarning},
		{al3.MaxPadding + 1, al3.RuleExcessPadding, report.SeverityError},
		{64 << 20, al3.RuleExcessPadding, report.SeverityError},
	} {
		r := io.MultiReader(bytes.NewReader(valid), io.LimitReader(zeros{}, tc.pad))
		fs, _, err := al3.Check(r, al3.Options{Name: "x.al3"})
		if err != nil {
			t.Fatal(err)
		}
		var got []report.Finding
		for _, f := range fs {
			if f.Rule == al3.RuleNULPadding || f.Rule == al3.RuleExcessPadding {
				got = append(got, f)
			}
		}
		if len(got) != 1 || got[0].Rule != tc.rule || got[0].Severity != tc.sev || got[0].Offset != int64(len(valid)) {
			t.Errorf("%d bytes of NUL: %s, want one %s %s at byte %d", tc.pad, dump(fs), tc.sev, tc.rule, len(valid))
			continue
		}
		if tc.rule == al3.RuleExcessPadding && !strings.Contains(got[0].Text, strconv.FormatInt(tc.pad, 10)+" bytes") {
			t.Errorf("%d bytes of NUL: the sentence does not say how many: %q", tc.pad, got[0].Text)
		}
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

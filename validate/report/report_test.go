package report

import "testing"

func TestPlace(t *testing.T) {
	for want, f := range map[string]Finding{
		"byte 7000, line 12, group 6CVH, message 1, transaction 2": {Offset: 7000, Line: 12, Group: "6CVH", Message: 1, Transaction: 2},
		"Policies!C12": {Offset: -1, Sheet: "Policies", Cell: "C12"},
		"Policies":     {Offset: -1, Sheet: "Policies"},
		"":             {Offset: -1},
	} {
		if got := f.Place(); got != want {
			t.Errorf("Place() = %q, want %q", got, want)
		}
	}
}

// TestCountsIncludeOmitted: 20,000 warnings of which 20 are listed count as
// 20,000, and the sentence says how many more there are.
func TestCountsIncludeOmitted(t *testing.T) {
	r := &Report{Omitted: []Omitted{{Rule: "al3/non-ascii", Severity: SeverityWarning, Count: 19980}}}
	for i := 0; i < 20; i++ {
		r.Findings = append(r.Findings, Finding{Rule: "al3/non-ascii", Severity: SeverityWarning, Offset: int64(i), Text: "x"})
	}
	r.Findings = append(r.Findings, Finding{Rule: "al3/bom", Severity: SeverityError, Offset: 0, Text: "y"})
	if got := r.WarningCount(); got != 20000 {
		t.Errorf("WarningCount() = %d, want 20000", got)
	}
	if got := r.ErrorCount(); got != 1 {
		t.Errorf("ErrorCount() = %d, want 1", got)
	}
	if got, want := r.OmittedText(), "… and 19,980 more warnings, not listed."; got != want {
		t.Errorf("OmittedText() = %q, want %q", got, want)
	}
	r.Omitted = append(r.Omitted, Omitted{Rule: "al3/truncated", Severity: SeverityError, Count: 1})
	if got, want := r.OmittedText(), "… and 1 more error and 19,980 more warnings, not listed."; got != want {
		t.Errorf("OmittedText() = %q, want %q", got, want)
	}
	if (&Report{}).OmittedText() != "" {
		t.Error("a complete list has an omitted sentence")
	}
}

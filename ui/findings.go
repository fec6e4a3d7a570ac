package ui

import (
	"fmt"
	"strings"

	"exchange/validate/report"
)

// findingsText says what the check found in a file, each finding with its
// severity, where it is and its rule, then what was checked: the text a
// row shows when it is expanded, and what "Copy" puts on the clipboard.
func findingsReport(rep *report.Report) string {
	var b strings.Builder
	if rep.Valid {
		b.WriteString("This file is well formed")
		if n := rep.WarningCount(); n > 0 {
			fmt.Fprintf(&b, "; %d %s to look at (it will still be sent)", n, plural(n, "remark", "remarks"))
		}
		b.WriteString(".\n\n")
	} else {
		b.WriteString("This file was NOT sent. Fix the problems below (or ask for a new copy of the file), then add it again.\n\n")
	}
	for _, f := range rep.Findings {
		fmt.Fprintf(&b, "%s — %s\n    %s\n\n", strings.ToUpper(string(f.Severity)), where(f), f.Text)
	}
	if more := rep.OmittedText(); more != "" {
		fmt.Fprintf(&b, "%s\n\n", more)
	}
	if rep.Checked != "" {
		fmt.Fprintf(&b, "Checked: %s\n", rep.Checked)
	}
	return strings.TrimRight(b.String(), "\n")
}

// where says where a finding is, and its rule.
func where(f report.Finding) string {
	if p := f.Place(); p != "" {
		return p + ", " + f.Rule
	}
	return f.Rule
}

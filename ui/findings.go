package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"exchange/validate/report"
)

// findingsText says what the check found in a file, each finding with its
// severity, where it is and its rule, then what was checked: the text a
// row shows when it is expanded, and what "Copy" puts on the clipboard.
func findingsReport(rep *report.Report) string {
	var b strings.Builder
	if rep.Valid {
		b.WriteString(lang.L("This file is well formed"))
		if n := rep.WarningCount(); n > 0 {
			b.WriteString(lang.N("; {{.Count}} remarks to look at (it will still be sent)", n, counted(n)))
		}
		b.WriteString(".\n\n")
	} else {
		b.WriteString(lang.L("This file was NOT sent. Fix the problems below (or ask for a new copy of the file), then add it again.") + "\n\n")
	}
	for _, f := range rep.Findings {
		fmt.Fprintf(&b, "%s — %s\n    %s\n\n", severityWord(f.Severity), where(f), findingText(f))
	}
	if more := rep.OmittedText(); more != "" {
		fmt.Fprintf(&b, "%s\n\n", more)
	}
	if rep.Checked != "" {
		fmt.Fprintf(&b, lang.L("Checked: %s")+"\n", rep.Checked)
	}
	return strings.TrimRight(b.String(), "\n")
}

// where says where a finding is, and its rule.
func where(f report.Finding) string {
	if p := placeText(f); p != "" {
		return p + ", " + f.Rule
	}
	return f.Rule
}

// severityWord is a finding's severity in capitals, in the clerk's language.
func severityWord(s report.Severity) string {
	switch s {
	case report.SeverityError:
		return lang.L("ERROR")
	case report.SeverityWarning:
		return lang.L("WARNING")
	case report.SeverityInfo:
		return lang.L("INFO")
	}
	return strings.ToUpper(string(s))
}

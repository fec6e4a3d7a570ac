// Package report holds the types every validator returns: a Report with its
// Findings (rule id, severity, place, sentence for the clerk) and per-kind summaries.
// It has no logic beyond small accessors so that every checker can share it.
package report

import (
	"fmt"
	"strings"
)

// Severity says how much a finding matters. Only errors make a file invalid.
type Severity string

const (
	SeverityError   Severity = "error"   // the file must not be sent
	SeverityWarning Severity = "warning" // suspicious, sent unless a profile forbids warnings
	SeverityInfo    Severity = "info"    // worth knowing, never blocks
)

// Kind is what the content of a file turned out to be.
type Kind string

const (
	KindAL3     Kind = "al3"     // ACORD AL3 (starts with 1MHG)
	KindXLSX    Kind = "xlsx"    // OOXML workbook (.xlsx or .xlsm)
	KindXLS     Kind = "xls"     // legacy BIFF workbook in an OLE2 compound file
	KindUnknown Kind = "unknown" // anything else; always invalid
)

// Finding is one problem or remark about a file.
type Finding struct {
	Rule     string   `json:"rule"`     // stable id such as "al3/truncated" or "xlsx/formula-error"
	Severity Severity `json:"severity"` //
	// Offset is the byte offset in the original file, or -1 when the finding has no single place.
	Offset      int64  `json:"offset"`
	Line        int    `json:"line,omitempty"`        // 1-based line, for AL3 files that contain line breaks
	Group       string `json:"group,omitempty"`       // AL3 group code, e.g. "5BPI"
	Message     int    `json:"message,omitempty"`     // 1-based AL3 message ordinal
	Transaction int    `json:"transaction,omitempty"` // 1-based AL3 transaction (2TRG) ordinal within the message
	Sheet       string `json:"sheet,omitempty"`       // Excel sheet name
	Cell        string `json:"cell,omitempty"`        // Excel cell reference, e.g. "C12"
	Text        string `json:"text"`                  // the sentence for the clerk
}

// Place says where a finding is: "sheet!cell" for Excel; byte, line, group,
// message and transaction for AL3 (the parts that are known).
func (f Finding) Place() string {
	var parts []string
	if f.Sheet != "" {
		p := f.Sheet
		if f.Cell != "" {
			p += "!" + f.Cell
		}
		parts = append(parts, p)
	} else if f.Offset >= 0 {
		parts = append(parts, fmt.Sprintf("byte %d", f.Offset))
	}
	if f.Line > 0 {
		parts = append(parts, fmt.Sprintf("line %d", f.Line))
	}
	if f.Group != "" {
		parts = append(parts, "group "+f.Group)
	}
	if f.Message > 0 {
		parts = append(parts, fmt.Sprintf("message %d", f.Message))
	}
	if f.Transaction > 0 {
		parts = append(parts, fmt.Sprintf("transaction %d", f.Transaction))
	}
	return strings.Join(parts, ", ")
}

// Report is the verdict on one file.
type Report struct {
	Path     string    `json:"path"`
	Kind     Kind      `json:"kind"`
	Valid    bool      `json:"valid"` // false when any finding is an error
	Size     int64     `json:"size"`
	Findings []Finding `json:"findings"`
	// Omitted counts, per rule, the findings that are not listed: a report
	// lists only the first few of each rule. It is not a finding and has no place.
	Omitted []Omitted     `json:"omitted,omitempty"`
	AL3     *AL3Summary   `json:"al3,omitempty"`
	Excel   *ExcelSummary `json:"excel,omitempty"`
	// Checked says in a few words what was checked, e.g. "compound file and Workbook stream (BIFF BOF/EOF)".
	Checked string `json:"checked,omitempty"`
}

// Omitted is how many findings of one rule a report does not list.
type Omitted struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Count    int      `json:"count"`
}

// ErrorCount is the number of errors found, listed or not.
func (r *Report) ErrorCount() int { return r.count(SeverityError) }

// WarningCount is the number of warnings found, listed or not.
func (r *Report) WarningCount() int { return r.count(SeverityWarning) }

// InfoCount is the number of remarks found, listed or not.
func (r *Report) InfoCount() int { return r.count(SeverityInfo) }

func (r *Report) count(s Severity) int {
	n := len(r.bySeverity(s))
	for _, o := range r.Omitted {
		if o.Severity == s {
			n += o.Count
		}
	}
	return n
}

// OmittedText says in one sentence for the clerk how many findings the list
// leaves out, e.g. "… and 19,980 more warnings, not listed." or "" when the
// list is complete.
func (r *Report) OmittedText() string {
	var parts []string
	for _, s := range []Severity{SeverityError, SeverityWarning, SeverityInfo} {
		n := 0
		for _, o := range r.Omitted {
			if o.Severity == s {
				n += o.Count
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s more %s", thousands(n), plural(n, string(s))))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "… and " + strings.Join(parts, " and ") + ", not listed."
}

func plural(n int, word string) string {
	if word == string(SeverityInfo) {
		word = "remark"
	}
	if n == 1 {
		return word
	}
	return word + "s"
}

// thousands writes n with commas between groups of three digits: 19,980.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Errors returns the listed findings of error severity; ErrorCount counts
// the unlisted ones too.
func (r *Report) Errors() []Finding { return r.bySeverity(SeverityError) }

// Warnings returns the listed findings of warning severity; WarningCount
// counts the unlisted ones too.
func (r *Report) Warnings() []Finding { return r.bySeverity(SeverityWarning) }

func (r *Report) bySeverity(s Severity) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Severity == s {
			out = append(out, f)
		}
	}
	return out
}

// AL3Summary describes the content of a well-framed AL3 file.
type AL3Summary struct {
	Messages     int            `json:"messages"`
	Transactions int            `json:"transactions"`
	Groups       int            `json:"groups"`
	Categories   map[string]int `json:"categories,omitempty"`        // 2TRG transaction category -> count
	Purposes     map[string]int `json:"purposes,omitempty"`          // 2TRG business purpose -> count
	Lines        map[string]int `json:"lines_of_business,omitempty"` // 2TRG line of business -> count
	Senders      []string       `json:"senders,omitempty"`           // distinct 1MHG origination / 2TRG sender names
	Dates        []string       `json:"dates,omitempty"`             // distinct transaction dates CCYY-MM-DD
	Compressed   bool           `json:"compressed,omitempty"`
}

// ExcelSummary describes the sheets of a workbook.
type ExcelSummary struct {
	Sheets   []SheetSummary `json:"sheets"`
	Macros   bool           `json:"macros,omitempty"`
	Template string         `json:"template,omitempty"` // name of the import template checked, if any
}

// SheetSummary is the size of one sheet.
type SheetSummary struct {
	Name    string `json:"name"`
	Rows    int    `json:"rows"`
	Columns int    `json:"columns"`
	Hidden  bool   `json:"hidden,omitempty"`
}

package validate

import "exchange/validate/report"

// The report types live in validate/report so that the per-format checkers can
// share them; these aliases let callers write validate.Report.
type (
	Report       = report.Report
	Finding      = report.Finding
	Severity     = report.Severity
	Kind         = report.Kind
	AL3Summary   = report.AL3Summary
	ExcelSummary = report.ExcelSummary
	SheetSummary = report.SheetSummary
)

const (
	SeverityError   = report.SeverityError
	SeverityWarning = report.SeverityWarning
	SeverityInfo    = report.SeverityInfo

	KindAL3     = report.KindAL3
	KindXLSX    = report.KindXLSX
	KindXLS     = report.KindXLS
	KindUnknown = report.KindUnknown
)

package validate

import (
	"fmt"
	"io"

	"exchange/validate/al3"
	"exchange/validate/excel"
	"exchange/validate/report"
)

// ExcelOptions is what the Excel checks need.
type ExcelOptions struct {
	// Template is the import format workbooks must follow; nil checks structure only.
	Template *excel.Template
	// MaxUncompressed bounds a workbook's unpacked size (zip bomb guard); 0: 1 GiB.
	MaxUncompressed int64
}

// checkExcel fills rep for an OOXML workbook, or for an OLE2 compound file:
// a legacy .xls, a password-protected .xlsx, or another Office document.
func checkExcel(rep *Report, r io.ReaderAt, size int64, opts Options) error {
	xopts := excel.Options{Template: opts.Excel.Template, MaxUncompressed: opts.Excel.MaxUncompressed, MaxListed: opts.MaxFindingsPerRule}
	if rep.Kind == report.KindXLSX {
		fs, omitted, sum, err := excel.Workbook(r, size, xopts)
		if err != nil {
			return err
		}
		rep.Findings, rep.Omitted, rep.Excel = fs, omitted, sum
		rep.Checked = "workbook parts, every sheet row by row (data, formula errors), macros, external links, hidden sheets"
		if opts.Excel.Template != nil {
			rep.Checked += fmt.Sprintf(", and the %q import template (header row and every typed cell)", opts.Excel.Template.Name)
		}
		return nil
	}
	kind, err := excel.ProbeOLE(r, size)
	switch {
	case err != nil:
		rep.Findings = []Finding{{Rule: excel.RuleLegacyCorrupt, Severity: SeverityError, Offset: -1,
			Text: "This file looks like an old-style Office file (.xls) but it is damaged: its compound-file structure cannot be read."}}
		rep.Checked = "compound file"
	case kind == excel.OLEEncryptedOOXML:
		rep.Kind = report.KindXLSX
		rep.Findings = []Finding{excel.EncryptedFinding()}
		rep.Checked = "compound file (an encrypted workbook)"
	case kind == excel.OLEOther:
		rep.Kind = report.KindUnknown
		rep.Findings = []Finding{{Rule: al3.RuleNotAL3, Severity: SeverityError, Offset: 0,
			Text: "This is an Office document other than a workbook (for example a Word .doc or an Outlook .msg), not an AL3 file or an Excel workbook."}}
		rep.Checked = "kind of file (by content)"
	default:
		fs, omitted, sum, checked, err := excel.Legacy(r, size, xopts)
		if err != nil {
			return err
		}
		rep.Omitted = omitted
		rep.Findings, rep.Excel, rep.Checked = fs, sum, checked
	}
	return nil
}

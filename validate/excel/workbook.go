package excel

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"exchange/validate/report"
)

// Options tune the workbook checks.
type Options struct {
	// Template, when set, is the import format the first sheet with data (or
	// Template.Sheet) must follow.
	Template *Template
	// MaxUncompressed bounds the unpacked size of the whole workbook (zip
	// bomb guard); 0 means DefaultMaxUncompressed.
	MaxUncompressed int64
	// MaxListed caps the cells listed for one rule; 0 means DefaultMaxListed.
	MaxListed int
	// MaxParts bounds the entries of the workbook's archive; 0 means DefaultMaxParts.
	MaxParts int
	// MaxInMemory bounds the unpacked bytes the check holds in memory; 0
	// means DefaultMaxInMemory.
	MaxInMemory int64
}

// Defaults of Options.
const (
	DefaultMaxUncompressed = 1 << 30 // 1 GiB unpacked
	DefaultMaxListed       = 50
	// maxRatio is the compression ratio above which a large part, or a large
	// archive as a whole, is taken for a zip bomb (real sheet XML compresses
	// about 10 to 30 times).
	maxRatio = 200
)

func (o Options) maxUncompressed() int64 {
	return positiveOr(o.MaxUncompressed, DefaultMaxUncompressed)
}

func (o Options) maxListed() int { return positiveOr(o.MaxListed, DefaultMaxListed) }

// formulaErrors are the error values a cell can show.
var formulaErrors = map[string]bool{"#REF!": true, "#VALUE!": true, "#DIV/0!": true, "#N/A": true,
	"#NAME?": true, "#NULL!": true, "#NUM!": true}

func finding(rule string, sev report.Severity, sheet, cell, text string) report.Finding {
	return report.Finding{Rule: rule, Severity: sev, Offset: -1, Sheet: sheet, Cell: cell, Text: text}
}

// IsWorkbookZip says whether a ZIP holds an OOXML workbook (xl/workbook.xml),
// as opposed to any other archive.
func IsWorkbookZip(r io.ReaderAt, size int64) bool {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if f.Name == "xl/workbook.xml" {
			return true
		}
	}
	return false
}

// CheckWorkbook checks an OOXML workbook (.xlsx/.xlsm). A broken file is a
// finding; the error is for read failures only. It lists at most
// Options.MaxListed findings of a repeated rule; Workbook also returns how
// many it did not list.
func CheckWorkbook(r io.ReaderAt, size int64, opts Options) ([]report.Finding, *report.ExcelSummary, error) {
	fs, _, sum, err := Workbook(r, size, opts)
	return fs, sum, err
}

// Workbook is CheckWorkbook with the counts of the findings not listed, per rule.
func Workbook(r io.ReaderAt, size int64, opts Options) ([]report.Finding, []report.Omitted, *report.ExcelSummary, error) {
	fs, sum, err := checkWorkbook(r, size, opts)
	var omitted []report.Omitted
	if sum.cells != nil {
		omitted = sum.cells.omitted()
	}
	return fs, omitted, sum.ExcelSummary, err
}

// checked is the summary of a workbook and the cell checks that counted its findings.
type checked struct {
	*report.ExcelSummary
	cells *cellChecks // nil when the cells were not read
}

func checkWorkbook(r io.ReaderAt, size int64, opts Options) ([]report.Finding, checked, error) {
	var fs []report.Finding
	sum := checked{ExcelSummary: &report.ExcelSummary{}}
	if _, err := CountZipEntries(r, size, opts.maxParts()); errors.Is(err, ErrTooManyParts) {
		return []report.Finding{tooManyParts(opts.maxParts())}, sum, nil
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return []report.Finding{finding(RuleCorrupt, report.SeverityError, "", "",
			"This workbook is damaged (its ZIP structure cannot be read). Open it in Excel, save it again, and add the new file.")}, sum, nil
	}
	cost, refusal := measure(zr, opts)
	if refusal != nil {
		return append(fs, *refusal), sum, nil
	}
	have := map[string]bool{}
	externalLinks := 0
	for _, f := range zr.File {
		have[f.Name] = true
		if strings.HasPrefix(f.Name, "xl/externalLinks/") && strings.HasSuffix(f.Name, ".xml") {
			externalLinks++
		}
	}
	for _, part := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		if !have[part] {
			fs = append(fs, finding(RuleMissingPart, report.SeverityError, "", "", fmt.Sprintf(
				"This workbook is incomplete: its part %s is missing. Open it in Excel, save it again, and add the new file.", part)))
		}
	}
	if len(fs) > 0 {
		return fs, sum, nil
	}
	if have["xl/vbaProject.bin"] {
		sum.Macros = true
		fs = append(fs, finding(RuleMacros, report.SeverityWarning, "", "",
			"This workbook contains macros. The agency system imports only the data; ask whoever sent it whether a macro-free copy (.xlsx) should be used."))
	}
	if externalLinks > 0 {
		fs = append(fs, finding(RuleExternalLinks, report.SeverityWarning, "", "", fmt.Sprintf(
			"Formulas in this workbook refer to %d other workbook(s). On the server those links cannot be updated, so the values may be out of date. Paste the values instead of the formulas if in doubt.", externalLinks)))
	}
	limit := opts.maxUncompressed()
	defer processBudget.release(processBudget.acquire(cost))
	xf, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: xmlInMemoryLimit})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || strings.Contains(err.Error(), "zip") || strings.Contains(err.Error(), "XML") {
			return append(fs, finding(RuleCorrupt, report.SeverityError, "", "", "This workbook cannot be read ("+err.Error()+"). Open it in Excel, save it again, and add the new file.")), sum, nil
		}
		return append(fs, finding(RuleCorrupt, report.SeverityError, "", "", "This workbook cannot be read: "+err.Error())), sum, nil
	}
	defer xf.Close()
	cc := newCellChecks(opts)
	sum.cells = cc
	for _, name := range xf.GetSheetList() {
		visible, _ := xf.GetSheetVisible(name)
		ss := report.SheetSummary{Name: name, Hidden: !visible}
		if !visible {
			fs = append(fs, finding(RuleHiddenSheet, report.SeverityInfo, name, "", fmt.Sprintf(
				"The sheet %q is hidden. Its data is sent too.", name)))
		}
		rows, err := xf.Rows(name)
		if err != nil {
			fs = append(fs, finding(RuleCorrupt, report.SeverityError, name, "", fmt.Sprintf("The sheet %q cannot be read: %v", name, err)))
			continue
		}
		cc.startSheet(&ss)
		rowNum := 0
		for rows.Next() {
			rowNum++
			cols, err := rows.Columns()
			if err != nil {
				fs = append(fs, finding(RuleCorrupt, report.SeverityError, name, "", fmt.Sprintf("Row %d of sheet %q cannot be read: %v", rowNum, name, err)))
				break
			}
			cc.row(rowNum, cols)
		}
		_ = rows.Close()
		cc.endSheet()
		sum.Sheets = append(sum.Sheets, ss)
	}
	fs = append(fs, cc.findings(sum.ExcelSummary)...)
	return fs, sum, nil
}

func lastNonEmpty(cols []string) int {
	for i := len(cols) - 1; i >= 0; i-- {
		if cols[i] != "" {
			return i + 1
		}
	}
	return 0
}

func cellName(col, row int) string {
	n, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return fmt.Sprintf("R%dC%d", row, col)
	}
	return n
}

// capped collects findings of one rule up to a limit, then counts the rest.
type capped struct {
	rule string
	sev  report.Severity
	max  int
	list []report.Finding
	more int
}

func (c *capped) add(sheet, cell, text string) {
	if len(c.list) < c.max {
		c.list = append(c.list, finding(c.rule, c.sev, sheet, cell, text))
		return
	}
	c.more++
}

func (c *capped) findings() []report.Finding { return c.list }

// omitted counts the findings not listed, or is nil when all are (or c is nil).
func (c *capped) omitted() *report.Omitted {
	if c == nil || c.more == 0 {
		return nil
	}
	return &report.Omitted{Rule: c.rule, Severity: c.sev, Count: c.more}
}

// Rule ids.
const (
	RuleCorrupt           = "xlsx/corrupt"
	RuleMissingPart       = "xlsx/missing-part"
	RuleTooLarge          = "xlsx/too-large"
	RuleEncrypted         = "xlsx/encrypted"
	RuleNoData            = "xlsx/no-data"
	RuleMacros            = "xlsx/macros"
	RuleFormulaError      = "xlsx/formula-error"
	RuleExternalLinks     = "xlsx/external-links"
	RuleHiddenSheet       = "xlsx/hidden-sheet"
	RuleTemplateMissing   = "xlsx/template-missing-column"
	RuleTemplateExtra     = "xlsx/template-extra-column"
	RuleTemplateOrder     = "xlsx/template-column-order"
	RuleTemplateBadCell   = "xlsx/template-bad-cell"
	RuleTemplateNoSheet   = "xlsx/template-no-sheet"
	RuleLegacyCorrupt     = "xls/corrupt"
	RuleLegacyEncrypted   = "xls/encrypted"
	RuleLegacyHiddenSheet = "xls/hidden-sheet"
)

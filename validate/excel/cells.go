package excel

import (
	"fmt"
	"strings"

	"exchange/validate/report"
)

// cellChecks are the checks made on every row of every sheet, whatever read
// the cells (excelize for .xlsx, biff for .xls): formula errors, which sheets
// hold data, and the import template on its sheet.
type cellChecks struct {
	tmpl          *Template
	errCells      *capped
	tc            *templateCheck
	withData      int
	templateSheet string
	// the sheet being read
	name      string
	cur       *report.SheetSummary
	checkThis bool
}

func newCellChecks(opts Options) *cellChecks {
	c := &cellChecks{tmpl: opts.Template, errCells: &capped{rule: RuleFormulaError, sev: report.SeverityWarning, max: opts.maxListed()}}
	if opts.Template != nil {
		c.tc = newTemplateCheck(opts.Template, opts.maxListed())
	}
	return c
}

// startSheet begins a sheet; its row and column counts go to ss.
func (c *cellChecks) startSheet(ss *report.SheetSummary) {
	c.name, c.cur = ss.Name, ss
	c.checkThis = c.tc != nil && c.templateSheet == "" && (c.tmpl.Sheet == "" || strings.EqualFold(c.tmpl.Sheet, ss.Name))
}

func (c *cellChecks) row(rowNum int, cols []string) {
	nonEmpty := false
	for i, v := range cols {
		if v == "" {
			continue
		}
		nonEmpty = true
		if formulaErrors[v] {
			c.errCells.add(c.name, cellName(i+1, rowNum), fmt.Sprintf("Cell %s of sheet %q shows the error %s: the formula there does not work, so the error itself is what gets sent.", cellName(i+1, rowNum), c.name, v))
		}
	}
	if nonEmpty {
		c.cur.Rows = rowNum
		if n := lastNonEmpty(cols); n > c.cur.Columns {
			c.cur.Columns = n
		}
	}
	if c.checkThis {
		c.tc.row(c.name, rowNum, cols)
	}
}

func (c *cellChecks) endSheet() {
	if c.cur != nil && c.cur.Rows > 0 {
		c.withData++
		if c.checkThis {
			c.templateSheet = c.name
		}
	}
	c.cur = nil
}

// findings are the findings of every sheet read, once all are.
func (c *cellChecks) findings(sum *report.ExcelSummary) []report.Finding {
	fs := c.errCells.findings()
	if c.withData == 0 {
		fs = append(fs, finding(RuleNoData, report.SeverityError, "", "", "No sheet of this workbook holds any data: there is nothing to import."))
	}
	if c.tc != nil {
		sum.Template = c.tmpl.Name
		if c.templateSheet == "" && c.withData > 0 {
			fs = append(fs, finding(RuleTemplateNoSheet, report.SeverityError, c.tmpl.Sheet, "", fmt.Sprintf(
				"The import template %q needs the sheet %q, which this workbook does not have.", c.tmpl.Name, c.tmpl.Sheet)))
		} else {
			fs = append(fs, c.tc.findings()...)
		}
	}
	return fs
}

// omitted counts the findings of each capped rule that are not listed.
func (c *cellChecks) omitted() []report.Omitted {
	var out []report.Omitted
	for _, cp := range []*capped{c.errCells, c.badCells()} {
		if o := cp.omitted(); o != nil {
			out = append(out, *o)
		}
	}
	return out
}

func (c *cellChecks) badCells() *capped {
	if c.tc == nil {
		return nil
	}
	return c.tc.badCell
}

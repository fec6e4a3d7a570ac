package excel

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"exchange/validate/report"
)

// ColumnType is what every cell of a column must hold.
type ColumnType string

const (
	TypeText   ColumnType = "text"   // anything (the default)
	TypeDate   ColumnType = "date"   // a date: an Excel date, 2026-11-23, 11/23/2026, 23-Nov-2026
	TypeNumber ColumnType = "number" // a number, with optional $, thousands commas, %, sign
	TypeOneOf  ColumnType = "one-of" // one of Values (case-insensitive)
)

// Column is one required column of an import template.
type Column struct {
	Name   string     `json:"name"`
	Type   ColumnType `json:"type,omitempty"`
	Values []string   `json:"values,omitempty"`
}

// Template is a fixed import format: the header row must list exactly these
// columns in this order (case and spaces aside); empty cells are allowed,
// missing columns are not.
type Template struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Sheet       string `json:"sheet,omitempty"` // default: the first sheet with data
	// System names the program that imports the format, for the summary
	// ("22 columns as Nexsure expects"); RowName what a data row is ("policy").
	System    string   `json:"system,omitempty"`
	RowName   string   `json:"row_name,omitempty"`
	HeaderRow int      `json:"header_row,omitempty"` // default 1
	Columns   []Column `json:"columns"`
}

// maxRows is the number of rows of an Excel sheet.
const maxRows = 1 << 20

// maxTemplateColumns bounds a template's columns, so that aligning a header
// row with it (template columns × maxAlignedColumns) stays small.
const maxTemplateColumns = 1024

// ParseTemplate reads a template from JSON and checks it.
func ParseTemplate(raw []byte) (*Template, error) {
	var t Template
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	if t.Name == "" {
		return nil, errors.New("template: no name")
	}
	if len(t.Columns) == 0 {
		return nil, fmt.Errorf("template %q: no columns", t.Name)
	}
	if len(t.Columns) > maxTemplateColumns {
		return nil, fmt.Errorf("template %q: %d columns, more than the %d a template may have", t.Name, len(t.Columns), maxTemplateColumns)
	}
	if t.HeaderRow <= 0 {
		t.HeaderRow = 1
	}
	if t.HeaderRow > maxRows {
		return nil, fmt.Errorf("template %q: header row %d is beyond the last row a sheet can have (%d)", t.Name, t.HeaderRow, maxRows)
	}
	seen := map[string]bool{}
	for i, c := range t.Columns {
		key := normalize(c.Name)
		if key == "" {
			return nil, fmt.Errorf("template %q: column %d has no name", t.Name, i+1)
		}
		if seen[key] {
			return nil, fmt.Errorf("template %q: column %q twice", t.Name, c.Name)
		}
		seen[key] = true
		switch c.Type {
		case "":
			t.Columns[i].Type = TypeText
		case TypeText, TypeDate, TypeNumber, TypeState, TypeZip, TypeEmail, TypePhone, TypeDigits:
		case TypeOneOf:
			if len(c.Values) == 0 {
				return nil, fmt.Errorf("template %q: column %q is one-of but lists no values", t.Name, c.Name)
			}
		default:
			return nil, fmt.Errorf("template %q: column %q has unknown type %q (text, date, number, one-of, state, zip, email, phone, digits)", t.Name, c.Name, c.Type)
		}
	}
	return &t, nil
}

// LoadTemplate reads a template file.
func LoadTemplate(file string) (*Template, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read template: %w", err)
	}
	return ParseTemplate(raw)
}

//go:embed templates/*.json
var builtinFS embed.FS

// BuiltinTemplates are the templates shipped with Exchange.
func BuiltinTemplates() []*Template {
	entries, _ := builtinFS.ReadDir("templates")
	var out []*Template
	for _, e := range entries {
		raw, err := builtinFS.ReadFile(path.Join("templates", e.Name()))
		if err != nil {
			continue
		}
		if t, err := ParseTemplate(raw); err == nil {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FindTemplate returns the shipped template of that name, or reads the
// template file at that path (a Catalog without folders).
func FindTemplate(nameOrPath string) (*Template, error) { return Catalog{}.Find(nameOrPath) }

// normalize compares header names without case or extra spaces.
func normalize(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// templateCheck checks the rows of one sheet against a template.
type templateCheck struct {
	t         *Template
	listed    int
	header    bool
	colOf     []int // template column -> sheet column index (-1: missing)
	issues    []report.Finding
	issueCols []int // the column of each issue, to list them in column order
	badCell   *capped
	// headerProblems counts the problem columns, headerMore those not listed.
	headerProblems, headerMore int
	dataRows                   int // rows below the header holding any value
}

func newTemplateCheck(t *Template, max int) *templateCheck {
	return &templateCheck{t: t, listed: max, badCell: &capped{rule: RuleTemplateBadCell, sev: report.SeverityError, max: max}}
}

func (c *templateCheck) row(sheet string, rowNum int, cols []string) {
	switch {
	case rowNum < c.t.HeaderRow:
		return
	case rowNum == c.t.HeaderRow:
		c.checkHeader(sheet, rowNum, cols)
		return
	}
	for _, v := range cols {
		if strings.TrimSpace(v) != "" {
			c.dataRows++
			break
		}
	}
	for ti, col := range c.t.Columns {
		si := c.colOf[ti]
		if si < 0 || si >= len(cols) {
			continue
		}
		v := strings.TrimSpace(cols[si])
		if v == "" || col.Type == TypeText {
			continue
		}
		if why := checkValue(col, v); why != "" {
			cell := cellName(si+1, rowNum)
			c.badCell.add(sheet, cell, fmt.Sprintf("Cell %s (%s) holds %q, %s.", cell, col.Name, v, why))
		}
	}
}

func (c *templateCheck) findings() []report.Finding {
	if !c.header {
		return []report.Finding{finding(RuleTemplateMissing, report.SeverityError, "", "", fmt.Sprintf(
			"The sheet has no header row %d, which the %s import needs.", c.t.HeaderRow, c.t.Name))}
	}
	c.sortIssues()
	fs := append(c.issues, c.badCell.findings()...)
	return append(fs, c.summary())
}

// summary is the one line a clerk reads first: "22 columns as Nexsure
// expects; 148 policy rows".
func (c *templateCheck) summary() report.Finding {
	system, rows := c.t.System, c.t.RowName
	if system == "" {
		system = "the " + c.t.Name + " format"
	}
	if rows == "" {
		rows = "data"
	}
	cols := fmt.Sprintf("%d columns as %s expects", len(c.t.Columns), system)
	if c.headerProblems > 0 {
		cols = fmt.Sprintf("%s against the %d columns %s expects", plural(c.headerProblems, "column problem"), len(c.t.Columns), system)
	}
	text := fmt.Sprintf("%s; %s", cols, plural(c.dataRows, rows+" row"))
	if n := len(c.badCell.list) + c.badCell.more; n > 0 {
		text += fmt.Sprintf("; %s to correct", plural(n, "cell"))
	}
	return finding(RuleTemplateSummary, report.SeverityInfo, "", "", text+".")
}

// RuleTemplateSummary is the summary line of a template check (info).
const RuleTemplateSummary = "xlsx/template-summary"

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// checkValue says why v does not fit the column, or "" when it does.
func checkValue(col Column, v string) string {
	switch col.Type {
	case TypeNumber:
		if !isNumber(v) {
			return "which is not a number"
		}
	case TypeDate:
		if !isDate(v) {
			return "which is not a date (write it like 2026-11-23 or 11/23/2026)"
		}
	case TypeOneOf:
		for _, ok := range col.Values {
			if strings.EqualFold(strings.TrimSpace(ok), v) {
				return ""
			}
		}
		return "which is not one of " + strings.Join(col.Values, ", ")
	}
	return checkTyped(col.Type, v)
}

func isNumber(v string) bool {
	s := strings.NewReplacer("$", "", ",", "", "%", "", " ", "").Replace(v)
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") { // accounting negatives
		s = s[1 : len(s)-1]
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && s != ""
}

var dateLayouts = []string{"2006-01-02", "1/2/2006", "01/02/2006", "1/2/06", "01-02-06", "2-Jan-2006", "02-Jan-06",
	"2 Jan 2006", "Jan 2, 2006", "2006/01/02", "1-2-2006", "2006-01-02 15:04:05", "1/2/2006 15:04"}

func isDate(v string) bool {
	for _, l := range dateLayouts {
		if _, err := time.Parse(l, v); err == nil {
			return true
		}
	}
	// An unformatted Excel date serial (days since 1899-12-30) between 1950 and 2100.
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		return f >= 18264 && f < 73051
	}
	return false
}

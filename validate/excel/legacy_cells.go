package excel

import (
	"errors"
	"fmt"
	"io"

	"github.com/richardlehane/mscfb"

	bifflib "exchange/validate/excel/biff"
	"exchange/validate/report"
)

// Rule ids of reading an .xls's cells.
const (
	// RuleLegacyCellsUnchecked: the cells of an Excel 5.0/95 workbook are not
	// read, so formula errors and empty sheets were not checked (a warning;
	// an error when a template was asked for, see RuleTemplateUnchecked).
	RuleLegacyCellsUnchecked = "xls/cells-unchecked"
)

// Legacy checks a legacy .xls: its structure (CheckLegacy), then, when that is
// sound, every cell of every worksheet as for an .xlsx: formula errors, empty
// workbooks and the import template. It returns what was checked in a few words.
func Legacy(r io.ReaderAt, size int64, opts Options) ([]report.Finding, []report.Omitted, *report.ExcelSummary, string, error) {
	fs, sum, checked, err := CheckLegacy(r, size)
	if err != nil {
		return nil, nil, nil, checked, err
	}
	for _, f := range fs {
		if f.Severity == report.SeverityError {
			return fs, nil, sum, checked, nil // damaged or encrypted: said already
		}
	}
	checked = "compound file and Workbook stream (BIFF records), every sheet row by row (data, formula errors)"
	if opts.Template != nil {
		checked += fmt.Sprintf(", and the %q import template (header row and every typed cell)", opts.Template.Name)
	}
	cc := newCellChecks(opts)
	unread := func(why string) {
		checked = "compound file and Workbook stream (BIFF records from BOF to EOF, password, sheets); cells not read: " + why
		if opts.Template != nil {
			sum.Template = opts.Template.Name
			fs = append(fs, TemplateUncheckedFinding(opts.Template, why))
			return
		}
		fs = append(fs, finding(RuleLegacyCellsUnchecked, report.SeverityWarning, "", "", fmt.Sprintf(
			"The cells of this .xls were not checked (%s), so formula errors and empty sheets would not be noticed. Saving it as an Excel Workbook (.xlsx) lets Exchange check them.", why)))
	}
	stream, streamSize, err := workbookStream(r, size)
	if err != nil || stream == nil {
		unread("its Workbook stream could not be opened")
		return fs, nil, sum, checked, nil
	}
	// What the read holds is at most about twice the stream (its strings
	// decoded), and never more than one check's in-memory budget.
	limit := opts.maxInMemory()
	defer processBudget.release(processBudget.acquire(min(2*min(max(streamSize, 0), limit)+1<<20, limit)))
	err = bifflib.Read(stream, bifflib.Limits{MaxHeld: limit}, bifflib.Handler{
		Sheet: func(i int, _ bifflib.Sheet) {
			if i < len(sum.Sheets) {
				cc.startSheet(&sum.Sheets[i])
			}
		},
		Row: func(rowNum int, cols []string) {
			if cc.cur != nil {
				cc.row(rowNum, cols)
			}
		},
		EndSheet: cc.endSheet,
	})
	var fe *bifflib.FormatError
	switch {
	case err == nil:
		fs = append(fs, cc.findings(sum)...)
		return fs, cc.omitted(), sum, checked, nil
	case errors.Is(err, bifflib.ErrBIFF5):
		unread("it is in the old Excel 5.0/95 format")
	case errors.Is(err, bifflib.ErrTooLarge):
		fs = append(fs, finding(RuleTooLarge, report.SeverityError, "", "", fmt.Sprintf(
			"Checking this .xls would take more than the %d MB of memory Exchange allows for one file. Split it into smaller workbooks.", limit>>20)))
	case errors.Is(err, bifflib.ErrEncrypted):
		fs = append(fs, finding(RuleLegacyEncrypted, report.SeverityError, "", "",
			"This .xls workbook is protected by a password, so the agency system cannot read it. Open it in Excel, remove the password, save (preferably as .xlsx) and add it again."))
	case errors.As(err, &fe):
		fs = append(fs, finding(RuleLegacyCorrupt, report.SeverityError, "", "", "The cells of this .xls cannot be read: "+fe.Text+" Open it in Excel and save it again, preferably as .xlsx."))
	default:
		return nil, nil, nil, checked, err
	}
	return fs, nil, sum, checked, nil
}

// workbookStream opens the BIFF8 Workbook stream of a compound file (nil
// when it has only the older Book stream, which bifflib.Read would refuse anyway).
func workbookStream(r io.ReaderAt, size int64) (io.Reader, int64, error) {
	doc, err := mscfb.New(io.NewSectionReader(r, 0, size))
	if err != nil {
		return nil, 0, err
	}
	var book *mscfb.File
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		switch e.Name {
		case "Workbook":
			return e, e.Size, nil
		case "Book":
			book = e
		}
	}
	if book != nil {
		return book, book.Size, nil
	}
	return nil, 0, nil
}

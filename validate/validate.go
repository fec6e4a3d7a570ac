package validate

import (
	"fmt"
	"io"
	"os"

	"exchange/validate/al3"
	"exchange/validate/report"
)

// Options tune a validation.
type Options struct {
	// Excel holds what the Excel checks need (an import template, …). The zero
	// value checks a workbook's structure only.
	Excel ExcelOptions
	// MaxFindingsPerRule caps the findings of one rule that a report lists;
	// the rest are counted in Report.Omitted. 0 means al3.DefaultMaxPerRule.
	MaxFindingsPerRule int
}

// File validates the file at path. See Reader.
func File(path string, opts Options) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("validate: %s is not a regular file", path)
	}
	return Reader(f, path, st.Size(), opts)
}

// Reader validates size bytes of content read from r; name is the file's name
// or path, used only in the report and for the remark about an unusual AL3
// extension: the kind is decided by content (see Detect).
//
// An AL3 file is read once, front to back, in large chunks (memory does not
// grow with its size); a workbook is opened through r as the Excel checker
// needs. The returned report is never nil when err is nil; Valid is false when
// any finding is an error. I/O errors are returned as error, not as findings.
func Reader(r io.ReaderAt, name string, size int64, opts Options) (*Report, error) {
	rep := &Report{Path: name, Size: size, Kind: report.KindUnknown}
	det, err := Detect(r, size)
	if err != nil {
		return nil, fmt.Errorf("validate %s: %w", name, err)
	}
	rep.Kind = det.Kind
	switch det.Kind {
	case report.KindAL3:
		fs, omitted, sum, err := al3.Run(io.NewSectionReader(r, 0, size), al3.Options{Name: name, MaxPerRule: opts.MaxFindingsPerRule})
		if err != nil {
			return nil, fmt.Errorf("validate %s: %w", name, err)
		}
		rep.Findings, rep.Omitted, rep.AL3 = fs, omitted, sum
		rep.Checked = "AL3 framing of every group, message and transaction structure, encoding, trailer"
	case report.KindXLSX, report.KindXLS:
		if err := checkExcel(rep, r, size, opts); err != nil {
			return nil, fmt.Errorf("validate %s: %w", name, err)
		}
	default:
		rep.Findings = []Finding{*det.Finding}
		rep.Checked = "kind of file (by content)"
	}
	if rep.Findings == nil {
		rep.Findings = []Finding{}
	}
	rep.Valid = rep.ErrorCount() == 0
	return rep, nil
}

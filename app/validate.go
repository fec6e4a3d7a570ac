package app

import (
	"context"
	"fmt"
	"io"

	"exchange/profile"
	"exchange/validate"
	"exchange/validate/excel"
)

// ValidateOptions are the validation options of a profile's Excel import
// template (none when template is empty).
func ValidateOptions(template string) (validate.Options, error) {
	if template == "" {
		return validate.Options{}, nil
	}
	t, err := excel.FindTemplate(template)
	if err != nil {
		return validate.Options{}, err
	}
	return validate.Options{Excel: validate.ExcelOptions{Template: t}}, nil
}

// ValidateFor checks a file for a profile (with its Excel import template):
// the service's Options.Validate.
func ValidateFor(_ context.Context, r io.ReaderAt, path string, size int64, p profile.Profile) (*validate.Report, error) {
	opts, err := ValidateOptions(p.Template)
	if err != nil {
		return nil, fmt.Errorf("profile %q: Excel template: %w", p.Name, err)
	}
	rep, err := validate.Reader(r, path, size, opts)
	if rep != nil {
		// The window shows the verdict and the findings, never the summary
		// (counts of transactions, sheets): with 10,000 files in the list,
		// keeping it would cost about 8 MB.
		rep.AL3, rep.Excel = nil, nil
	}
	return rep, err
}

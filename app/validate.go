package app

import (
	"context"
	"fmt"
	"io"

	"exchange/profile"
	"exchange/validate"
	"exchange/validate/excel"
)

// Templates is where Excel import templates are found: the built-in ones and
// the machine-wide folder (profile.MachineTemplatesDir).
func Templates() excel.Catalog {
	return excel.Catalog{Dirs: []string{profile.MachineTemplatesDir()}}
}

// TemplateNames names the Excel import templates a profile can name: the
// built-in ones, then the usable files of the machine-wide folder (a file
// that cannot be used is left out; `exchange validate --list-templates` says
// why). The window's Settings offers them.
func TemplateNames() []string {
	var names []string
	for _, e := range Templates().List() {
		if e.Template != nil {
			names = append(names, e.Template.Name)
		}
	}
	return names
}

// ValidateOptions are the validation options of a profile's Excel import
// template (none when template is empty).
func ValidateOptions(template string) (validate.Options, error) {
	if template == "" {
		return validate.Options{}, nil
	}
	t, err := Templates().Find(template)
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
		RequireTemplate(rep, p)
		// The window shows the verdict and the findings, never the summary
		// (counts of transactions, sheets): with 10,000 files in the list,
		// keeping it would cost about 8 MB.
		rep.AL3, rep.Excel = nil, nil
	}
	return rep, err
}

// RequireTemplate refuses a workbook for a profile that requires an Excel
// import template but names none (see profile.Profile.TemplateRequired).
func RequireTemplate(rep *validate.Report, p profile.Profile) {
	if !p.TemplateRequired || p.Template != "" || (rep.Kind != validate.KindXLSX && rep.Kind != validate.KindXLS) {
		return
	}
	rep.Findings = append(rep.Findings, excel.TemplateRequiredFinding(fmt.Sprintf("The server of profile %q", p.Name)))
	rep.Valid = false
}

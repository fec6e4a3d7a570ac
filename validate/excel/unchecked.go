package excel

import (
	"fmt"

	"exchange/validate/report"
)

// RuleTemplateUnchecked: an import template was asked for but could not be
// applied to the file (its cells could not be read). It is an error: a file
// whose format was not checked must not pass as if it had been.
const RuleTemplateUnchecked = "xlsx/template-unchecked"

// TemplateUncheckedFinding says that the template could not be applied, and why.
func TemplateUncheckedFinding(t *Template, why string) report.Finding {
	return finding(RuleTemplateUnchecked, report.SeverityError, "", "", fmt.Sprintf(
		"The import template %q could not be checked on this file: %s. Exchange does not send a file whose format it could not check: save it as an Excel Workbook (.xlsx) and add it again.",
		t.Name, why))
}

// RuleTemplateRequired: the server takes Excel files only in its import
// format, but no template was chosen to check them against.
const RuleTemplateRequired = "xlsx/template-required"

// TemplateRequiredFinding refuses a workbook for a destination (a profile)
// that requires an import template but names none.
func TemplateRequiredFinding(destination string) report.Finding {
	return finding(RuleTemplateRequired, report.SeverityError, "", "", fmt.Sprintf(
		"%s accepts Excel files only in its import format, but no import template is chosen to check them against, so this workbook is not sent. Choose the template in Settings (or ask your administrator).",
		destination))
}

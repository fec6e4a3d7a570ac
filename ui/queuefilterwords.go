package ui

import "fyne.io/fyne/v2/lang"

// label is the filter's name in the clerk's language, as the queue's
// selector shows it.
func (f queueFilter) label() string {
	switch f {
	case filterActive:
		return lang.X("filter.active", "In progress")
	case filterFailed:
		return lang.X("filter.failed", "Failed")
	case filterInvalid:
		return lang.X("filter.invalid", "Invalid")
	case filterSent:
		return lang.X("filter.sent", "Sent")
	}
	return lang.X("filter.all", "All files")
}

// filterLabeled is the filter the selector's label names (all files when
// none does).
func filterLabeled(label string) queueFilter {
	for _, f := range queueFilters {
		if f.label() == label {
			return f
		}
	}
	return filterAll
}

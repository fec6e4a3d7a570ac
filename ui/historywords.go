package ui

import "fyne.io/fyne/v2/lang"

// The History tab's outcome filter, in the clerk's language.

func historyAll() string     { return lang.X("history.all", "All") }
func historySent() string    { return lang.X("history.sent", "Sent") }
func historyFailed() string  { return lang.X("history.failed", "Failed") }
func historyInvalid() string { return lang.X("history.invalid", "Invalid") }
func historySkipped() string { return lang.X("history.skipped", "Skipped") }

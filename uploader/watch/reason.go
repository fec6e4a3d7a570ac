package watch

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"exchange/uploader"
)

// failureReason says why a file was not sent, in the words the window uses:
// the verdict and the findings of an invalid file, the hint and the error of
// a failed one.
func failureReason(ev uploader.Event) string {
	if ev.Kind == uploader.EventInvalid {
		if ev.Report != nil && ev.Report.ErrorCount() > 0 {
			n := ev.Report.ErrorCount()
			first := ev.Report.Errors()[0]
			s := fmt.Sprintf("Invalid: %d %s. %s", n, plural(n, "error", "errors"), first.Text)
			if place := first.Place(); place != "" {
				s += " (" + place + ")"
			}
			return s
		}
		if ev.Report != nil && ev.Report.WarningCount() > 0 {
			return fmt.Sprintf("Refused: %d warnings, and the profile refuses files with warnings. %s",
				ev.Report.WarningCount(), ev.Report.Warnings()[0].Text)
		}
		return "Invalid: " + firstNonEmpty(ev.Err, ev.Note, "the file could not be checked")
	}
	if ev.Hint != "" && ev.Err != "" {
		return ev.Hint + " (" + ev.Err + ")"
	}
	return firstNonEmpty(ev.Err, ev.Hint, ev.Note, string(ev.Kind))
}

// errorFileText is the content of NAME.error.txt: what happened, every
// finding the window would list, and what to do.
func errorFileText(ev uploader.Event, profileName string, when time.Time) string {
	var b strings.Builder
	name := filepath.Base(ev.Path)
	fmt.Fprintf(&b, "%s was not sent to %q.\r\n\r\n%s\r\n", name, profileName, failureReason(ev))
	if ev.Report != nil {
		findings := ev.Report.Errors()
		if ev.Report.ErrorCount() == 0 {
			findings = ev.Report.Warnings()
		}
		if len(findings) > 1 {
			b.WriteString("\r\nWhat the check found:\r\n")
			for _, f := range findings {
				if place := f.Place(); place != "" {
					fmt.Fprintf(&b, "- %s: %s [%s]\r\n", place, f.Text, f.Rule)
				} else {
					fmt.Fprintf(&b, "- %s [%s]\r\n", f.Text, f.Rule)
				}
			}
			if more := ev.Report.OmittedText(); more != "" {
				fmt.Fprintf(&b, "%s\r\n", more)
			}
		}
	}
	fmt.Fprintf(&b, "\r\nExchange, %s. Put the corrected file back in the watched folder to send it.\r\n",
		when.Format("2006-01-02 15:04:05 MST"))
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

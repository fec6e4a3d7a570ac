package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"exchange/profile"
	"exchange/uploader"
	"exchange/validate/report"
)

// showDetails shows the validation findings of a file, with where each is.
func (w *Window) showDetails(id uploader.ItemID) {
	var r row
	for i := 0; i < w.model.Len(); i++ {
		if x, _ := w.model.At(i); x.ID == id {
			r = x
		}
	}
	if r.Report == nil {
		return
	}
	dialog.ShowCustom(r.Name+": "+r.VerdictText(), "Close", findingsView(r.Report), w.win)
}

// findingsView lists findings: severity, where, and the sentence.
func findingsView(rep *report.Report) fyne.CanvasObject {
	var b strings.Builder
	if rep.Valid {
		b.WriteString("This file is well formed")
		if n := rep.WarningCount(); n > 0 {
			fmt.Fprintf(&b, "; %d %s to look at (it will still be sent)", n, plural(n, "remark", "remarks"))
		}
		b.WriteString(".\n\n")
	} else {
		b.WriteString("This file was NOT sent. Fix the problems below (or ask for a new copy of the file), then add it again.\n\n")
	}
	for _, f := range rep.Findings {
		fmt.Fprintf(&b, "%s — %s\n    %s\n\n", strings.ToUpper(string(f.Severity)), where(f), f.Text)
	}
	if more := rep.OmittedText(); more != "" {
		fmt.Fprintf(&b, "%s\n\n", more)
	}
	if rep.Checked != "" {
		fmt.Fprintf(&b, "Checked: %s\n", rep.Checked)
	}
	label := widget.NewLabel(b.String())
	label.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(label)
	scroll.SetMinSize(fyne.NewSize(640, 360))
	return scroll
}

// where says where a finding is, and its rule.
func where(f report.Finding) string {
	if p := f.Place(); p != "" {
		return p + ", " + f.Rule
	}
	return f.Rule
}

// profilePinned takes a certificate pinned by the Asker into the profile in
// use and into the service, for the connections to come.
func (w *Window) profilePinned(p profile.Profile) {
	w.mu.Lock()
	inUse := strings.EqualFold(w.current.Name, p.Name)
	if inUse {
		w.current.PinnedSHA256 = p.PinnedSHA256
		p = w.current
	}
	pw := w.password
	w.mu.Unlock()
	if inUse {
		w.bk.SetProfile(p, pw)
		onUI(func() { w.showTLS(p) })
		return
	}
	pw, _ = w.asker.Known(p)
	w.bk.RegisterProfile(p, pw)
}

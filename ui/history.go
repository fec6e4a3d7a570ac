package ui

import (
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/units"
	"exchange/uploader"
)

// historyView lists the files that left the queue, newest first, with a
// search box and "Send again".
type historyView struct {
	w       *Window
	content fyne.CanvasObject
	search  *widget.Entry
	filter  *widget.Select
	list    *widget.List

	mu      sync.Mutex
	entries []uploader.HistoryEntry
}

func newHistoryView(w *Window) *historyView {
	h := &historyView{w: w}
	h.search = widget.NewEntry()
	h.search.SetPlaceHolder("Search by file name, folder, server or outcome")
	h.search.OnChanged = func(string) { h.reload() }
	h.list = widget.NewList(h.len, h.create, h.update)
	h.filter = widget.NewSelect([]string{"All", "Sent", "Failed", "Invalid", "Skipped"}, func(string) { h.reload() })
	h.filter.Selected = "All"
	top := container.NewBorder(nil, nil, nil, container.NewHBox(h.filter,
		widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), h.reload), h.exportButton()), h.search)
	h.content = container.NewBorder(top, nil, nil, nil, h.list)
	return h
}

func (h *historyView) len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.entries)
}

func (h *historyView) create() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("")
	detail.Truncation = fyne.TextTruncateEllipsis
	again := widget.NewButtonWithIcon("Send again", theme.UploadIcon(), nil)
	return container.NewBorder(nil, nil, nil, again, container.NewVBox(title, detail))
}

func (h *historyView) update(i widget.ListItemID, o fyne.CanvasObject) {
	h.mu.Lock()
	if i >= len(h.entries) {
		h.mu.Unlock()
		return
	}
	e := h.entries[i]
	h.mu.Unlock()
	c := o.(*fyne.Container)
	texts := c.Objects[0].(*fyne.Container).Objects
	texts[0].(*widget.Label).SetText(fmt.Sprintf("%s — %s", e.Path, outcomeText(e.Outcome)))
	detail := fmt.Sprintf("%s · %s · %s", e.Finished.Local().Format("2006-01-02 15:04"), e.Profile, units.Bytes(e.Size))
	if e.RemotePath != "" {
		detail += " · " + e.RemotePath
	}
	if e.Note != "" {
		detail += " · " + e.Note
	}
	texts[1].(*widget.Label).SetText(detail)
	again := c.Objects[1].(*widget.Button)
	again.OnTapped = func() { h.w.sendAgain(e) }
	showIf(again, canSendAgain(e))
}

func outcomeText(o string) string {
	switch o {
	case uploader.OutcomeSent:
		return "sent"
	}
	return o
}

// reload asks the journal again with the search text.
func (h *historyView) reload() {
	if h.w.deps.History == nil {
		return
	}
	entries, err := h.w.deps.History(uploader.HistoryQuery{Search: h.search.Text, Limit: 5000})
	if err != nil {
		h.w.deps.Log.Add("history: " + err.Error())
		return
	}
	if f := h.filter.Selected; f != "" && f != "All" {
		kept := entries[:0]
		for _, e := range entries {
			if outcomeMatches(e.Outcome, f) {
				kept = append(kept, e)
			}
		}
		entries = kept
	}
	h.mu.Lock()
	h.entries = entries
	h.mu.Unlock()
	h.list.Refresh()
}

func outcomeMatches(outcome, filter string) bool {
	switch filter {
	case "Sent":
		return outcome == uploader.OutcomeSent
	case "Failed":
		return outcome == "failed" || outcome == "canceled"
	case "Invalid":
		return outcome == "invalid"
	case "Skipped":
		return outcome == "skipped"
	}
	return true
}

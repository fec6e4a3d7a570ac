package ui

import (
	"fmt"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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
	// asked counts the questions to the journal (UI goroutine): an answer
	// that comes back after a newer question was asked is dropped.
	asked int
}

func newHistoryView(w *Window) *historyView {
	h := &historyView{w: w}
	h.search = widget.NewEntry()
	h.search.SetPlaceHolder(lang.L("Search by file name, folder, server or outcome"))
	h.search.OnChanged = func(string) { h.reload() }
	h.list = widget.NewList(h.len, h.create, h.update)
	h.filter = widget.NewSelect([]string{historyAll(), historySent(), historyFailed(), historyInvalid(), historySkipped()}, func(string) { h.reload() })
	h.filter.Selected = historyAll()
	top := container.NewBorder(nil, nil, nil, container.NewHBox(h.filter,
		newIconButton(lang.L("Refresh the history"), theme.ViewRefreshIcon(), h.reload), h.exportButton()), h.search)
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
	again := widget.NewButtonWithIcon(lang.L("Send again"), theme.UploadIcon(), nil)
	again.Importance = widget.LowImportance
	// Centred: a button stretched over the row's two lines looked oversized.
	return container.NewBorder(nil, nil, nil, container.NewCenter(again), container.NewVBox(title, detail))
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
	texts[0].(*widget.Label).SetText(fmt.Sprintf("%s — %s", filepath.Base(e.Path), outcomeText(e.Outcome)))
	detail := fmt.Sprintf(lang.L("%s · %s · %s · from %s"), e.Finished.Local().Format("2006-01-02 15:04"), e.Profile, units.Bytes(e.Size), filepath.Dir(e.Path))
	if e.RemotePath != "" {
		detail += " · " + e.RemotePath
	}
	if e.Note != "" {
		detail += " · " + e.Note
	}
	texts[1].(*widget.Label).SetText(detail)
	again := c.Objects[1].(*fyne.Container).Objects[0].(*widget.Button)
	again.OnTapped = func() { h.w.sendAgain(e) }
	showIf(again, canSendAgain(e))
}

func outcomeText(o string) string {
	switch o {
	case uploader.OutcomeSent:
		return lang.L("sent")
	case "failed":
		return lang.L("failed")
	case "canceled":
		return lang.L("canceled")
	case "invalid":
		return lang.L("invalid")
	case "skipped":
		return lang.L("skipped")
	}
	return o
}

// reload asks the journal again with the search text.
func (h *historyView) reload() {
	if h.w.deps.History == nil {
		return
	}
	h.asked++
	entries, err := h.w.deps.History(uploader.HistoryQuery{Search: h.search.Text, Limit: 5000})
	h.show(entries, err)
}

// reloadLater asks the journal off the UI goroutine, then shows what it
// said: for the refreshes while files end, which must not hold the window
// (UI goroutine).
func (h *historyView) reloadLater() {
	if h.w.deps.History == nil {
		return
	}
	h.asked++
	asked := h.asked
	q := uploader.HistoryQuery{Search: h.search.Text, Limit: 5000}
	history := h.w.deps.History // read here, on the UI goroutine
	h.w.background(func() {
		entries, err := history(q)
		onUI(func() {
			if h.asked == asked {
				h.show(entries, err)
			}
		})
	})
}

// show lists entries, with the outcome filter applied (UI goroutine).
func (h *historyView) show(entries []uploader.HistoryEntry, err error) {
	if err != nil {
		h.w.deps.Log.Add("history: " + err.Error())
		return
	}
	if f := h.filter.Selected; f != "" && f != historyAll() {
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
	case historySent():
		return outcome == uploader.OutcomeSent
	case historyFailed():
		return outcome == "failed" || outcome == "canceled"
	case historyInvalid():
		return outcome == "invalid"
	case historySkipped():
		return outcome == "skipped"
	}
	return true
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"exchange/uploader"
)

// Fyne 2.8.1 sends a notification with a title and a text only: it offers
// no way to know that the clerk clicked it, on any platform. So the
// notification of a batch with failures says which file failed and why,
// and where to look; the tray's "Show failed" opens the window at that row,
// selected and scrolled into view, and each of "Recent uploads" at its own.

// lastFailed is the last file in the list that failed, and how many failed.
func (m *queueModel) lastFailed() (last row, count int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.rows) - 1; i >= 0; i-- {
		if m.rows[i].State != uploader.EventFailed {
			continue
		}
		if count == 0 {
			last = m.rows[i].row()
		}
		count++
	}
	return last, count
}

// failedNotification says what failed: the file, its server and why, the
// number of others, and where to see them.
func failedNotification(last row, count int) *fyne.Notification {
	why := last.Err
	if last.Hint != "" {
		why = last.Hint
	}
	data := map[string]any{"Name": last.Name, "Server": last.Profile, "Why": why, "Others": count - 1}
	title := lang.L("Exchange: {{.Name}} was not sent", data)
	content := lang.L("{{.Name}} to {{.Server}}: {{.Why}}", data)
	if last.Profile == "" {
		content = last.Name + ": " + why
	}
	if count > 1 {
		title = lang.L("Exchange: {{.Name}} and {{.Others}} more were not sent", data)
	}
	return fyne.NewNotification(title, content+"\n"+lang.L("“Show failed” in Exchange's tray menu opens it."))
}

// notifyFailures sends the notification of the failures of a batch, if any.
func (w *Window) notifyFailures() bool {
	last, count := w.model.lastFailed()
	if count == 0 {
		return false
	}
	w.app.SendNotification(failedNotification(last, count))
	return true
}

// ShowFailed opens the window at the last file that failed (UI goroutine);
// without one, it only shows the window.
func (w *Window) ShowFailed() {
	last, count := w.model.lastFailed()
	if count == 0 {
		w.showWindow()
		return
	}
	w.revealRow(last.ID)
}

// revealRow shows the window on the queue with id's row selected and in
// view: a filter that hides the row is set back to all files (UI goroutine).
func (w *Window) revealRow(id uploader.ItemID) {
	w.showWindow()
	if w.tabs != nil && len(w.tabs.Items) > 0 {
		w.tabs.SelectIndex(0) // the queue
	}
	if !w.list.reveal(id) {
		w.header.filter.SetSelectedIndex(0) // all files
		w.list.reveal(id)
	}
}

// showWindow brings the window back from the tray, in front.
func (w *Window) showWindow() {
	w.win.Show()
	w.win.RequestFocus()
}

// reveal selects id's row and scrolls it into view; false when the rows
// shown do not have it.
func (l *queueList) reveal(id uploader.ItemID) bool {
	i, ok := l.indexOf(id)
	if !ok {
		return false
	}
	l.choose(i)
	l.ScrollTo(i)
	return true
}

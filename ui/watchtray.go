package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
)

// addToTray puts "Watching N folders" and "Pause all watches" in the tray
// menu, above its separator.
func (t *watchTab) addToTray() {
	tr := t.w.tray
	if tr == nil {
		return
	}
	t.label = fyne.NewMenuItem("Watching 0 folders", nil)
	t.label.Disabled = true
	t.pause = fyne.NewMenuItem("Pause all watches", t.togglePause)
	items := tr.menu.Items
	at := len(items)
	for i, it := range items {
		if it.IsSeparator {
			at = i
			break
		}
	}
	tr.menu.Items = append(items[:at:at], append([]*fyne.MenuItem{t.label, t.pause}, items[at:]...)...)
	tr.desk.SetSystemTrayMenu(tr.menu)
}

func (t *watchTab) togglePause() {
	if t.c.Paused() {
		t.c.ResumeAll()
		t.w.deps.Log.Add("tray: watches resumed")
	} else {
		t.c.PauseAll()
		t.w.deps.Log.Add("tray: watches paused")
	}
	onUI(func() { t.refresh() })
}

// refreshTray updates the tray's watch items (UI goroutine).
func (t *watchTab) refreshTray() {
	if t.label == nil {
		return
	}
	n := t.c.Watching()
	label := "Watching " + plural(n, "1 folder", strconv.Itoa(n)+" folders")
	pause := "Pause all watches"
	if t.c.Paused() {
		label = "Watches paused (" + strconv.Itoa(n) + ")"
		pause = "Resume all watches"
	}
	if label != t.label.Label || pause != t.pause.Label {
		t.label.Label, t.pause.Label = label, pause
		t.w.tray.menu.Refresh()
	}
}

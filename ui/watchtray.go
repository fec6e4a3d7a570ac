package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// addToTray puts "Watching N folders" and "Pause all watches" in the tray
// menu, above its separator.
func (t *watchTab) addToTray() {
	tr := t.w.tray
	if tr == nil {
		return
	}
	t.label = fyne.NewMenuItem(watchingText(0), nil)
	t.label.Disabled = true
	t.pause = fyne.NewMenuItem(lang.L("Pause all watches"), t.togglePause)
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
	label := watchingText(n)
	pause := lang.L("Pause all watches")
	if t.c.Paused() {
		label = fmt.Sprintf(lang.L("Watches paused (%d)"), n)
		pause = lang.L("Resume all watches")
	}
	if label != t.label.Label || pause != t.pause.Label {
		t.label.Label, t.pause.Label = label, pause
		t.w.tray.menu.Refresh()
	}
}

// watchingText is the tray's line for n watched folders.
func watchingText(n int) string {
	return lang.N("Watching {{.Count}} folders", n, counted(n))
}

package ui

import (
	"log"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/systray"
	"github.com/godbus/dbus/v5"

	"exchange/uploader"
)

// tray is the system-tray icon and menu: Quick upload, Show window, Recent
// uploads, Pause/Resume, Quit. Its icon shows idle, busy or error.
type tray struct {
	w    *Window
	desk desktop.App
	// hostPresent says a tray host shows the icon: closing the window then
	// keeps the app running in the tray.
	hostPresent bool
	appIcon     fyne.Resource

	// setTooltip shows a line when the pointer rests on the icon.
	setTooltip func(string)

	mu      sync.Mutex
	recent  []string
	state   string
	tooltip string
	menu    *fyne.Menu
	pause   *fyne.MenuItem
	failed  *fyne.MenuItem
}

// SetupTray installs the tray when the driver has one.
func (w *Window) SetupTray(appIcon fyne.Resource) {
	desk, ok := w.app.(desktop.App)
	if !ok {
		return
	}
	t := &tray{w: w, desk: desk, appIcon: appIcon, hostPresent: trayHostPresent(), setTooltip: systray.SetTooltip}
	t.pause = fyne.NewMenuItem(lang.L("Pause"), func() { w.togglePause() })
	t.failed = fyne.NewMenuItem(lang.L("Show failed"), w.ShowFailed)
	t.failed.Disabled = true
	t.menu = fyne.NewMenu("Exchange",
		fyne.NewMenuItem(lang.L("Quick upload…"), t.QuickUpload),
		fyne.NewMenuItem(lang.L("Show window"), t.ShowWindow),
		fyne.NewMenuItem(lang.L("Recent uploads"), nil),
		t.failed,
		t.pause,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Quit"), w.quit),
	)
	t.menu.Items[2].ChildMenu = fyne.NewMenu(lang.L("Recent uploads"), fyne.NewMenuItem(lang.L("(none yet)"), nil))
	w.tray = t
	desk.SetSystemTrayMenu(t.menu)
	t.refresh()
}

// QuickUpload picks files, validates them and sends them to the default profile.
func (t *tray) QuickUpload() {
	t.w.deps.Log.Add("tray: quick upload")
	log.Print("tray: quick upload")
	t.ShowWindow()
	if p, err := t.w.deps.Profiles.Default(); err == nil && p.Name != t.w.CurrentProfile().Name {
		t.w.profiles.SetSelected(p.Name)
	}
	t.w.pickFiles()
}

// ShowWindow brings the window back.
func (t *tray) ShowWindow() { t.w.showWindow() }

// refresh sets the icon and the Pause item from the queue's state.
func (t *tray) refresh() {
	tot := t.w.model.Totals()
	state := "idle"
	switch {
	case tot.Active > 0:
		state = "busy"
	case tot.Failed > 0:
		state = "error"
	}
	tip := "Exchange: " + overallText(tot, t.w.model.server(), t.w.bk.Paused())
	t.mu.Lock()
	changed := state != t.state
	t.state = state
	tipChanged := tip != t.tooltip
	t.tooltip = tip
	t.mu.Unlock()
	if tipChanged {
		t.setTooltip(tip)
	}
	label := lang.L("Pause")
	if t.w.bk.Paused() {
		label = lang.L("Resume")
	}
	_, failed := t.w.model.lastFailed()
	if t.pause.Label != label || t.failed.Disabled != (failed == 0) {
		t.pause.Label = label
		t.failed.Disabled = failed == 0
		t.menu.Refresh()
	}
	if changed {
		t.desk.SetSystemTrayIcon(t.icon(state))
	}
}

// State is idle, busy or error.
func (t *tray) State() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.state
}

func (t *tray) icon(state string) fyne.Resource {
	switch state {
	case "busy":
		return theme.NewPrimaryThemedResource(theme.UploadIcon())
	case "error":
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	}
	if t.appIcon != nil {
		return t.appIcon
	}
	return theme.UploadIcon()
}

// recentShown is how many sent files Recent uploads lists.
const recentShown = 10

// setLastBatch lists the latest sent files under Recent uploads: the last
// ones in the list, newest first (reading from the end, so a batch of 10,000
// costs ten rows).
func (t *tray) setLastBatch() {
	var items []*fyne.MenuItem
	t.mu.Lock()
	t.recent = t.recent[:0]
	for i := t.w.model.Len() - 1; i >= 0 && len(t.recent) < recentShown; i-- {
		if r, ok := t.w.model.At(i); ok && r.State == uploader.EventDone {
			t.recent = append(t.recent, recentText(r))
			id := r.ID
			items = append(items, fyne.NewMenuItem(recentText(r), func() { t.w.revealRow(id) }))
		}
	}
	t.mu.Unlock()
	if len(items) == 0 {
		return
	}
	onUI(func() {
		t.menu.Items[2].ChildMenu = fyne.NewMenu(lang.L("Recent uploads"), items...)
		t.menu.Refresh()
	})
}

// recentText is a sent file under Recent uploads: "DL01.AL3 → Agency
// /incoming", the file's name, then the server and the folder it went to.
func recentText(r row) string {
	where := []string{}
	if r.Profile != "" {
		where = append(where, r.Profile)
	}
	if r.RemotePath != "" {
		where = append(where, path.Dir(r.RemotePath))
	}
	return filepath.Base(r.Path) + " → " + strings.Join(where, " ")
}

// Tooltip is the line the tray shows over its icon.
func (t *tray) Tooltip() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.tooltip
}

// trayHostPresent tells whether a tray host will show the icon. On Linux
// that is a StatusNotifier watcher on the session bus; Windows and macOS
// always have one.
func trayHostPresent() bool {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		return true
	}
	conn, err := dbus.SessionBus()
	if err != nil {
		return false
	}
	var has bool
	err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}

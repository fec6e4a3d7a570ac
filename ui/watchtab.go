package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"exchange/uploader/watch"
)

// WatchControl is what the "Watch folders" tab and the tray need of the
// watches: *watch.Manager is the real one.
type WatchControl interface {
	States() []watch.WatchState
	Add(d watch.Definition) error
	Remove(key string) error
	PauseAll()
	ResumeAll()
	Paused() bool
	Watching() int
}

var _ WatchControl = (*watch.Manager)(nil)

// afterChoices are the after-policies as the tab offers them.
var afterChoices = []struct {
	label string
	after watch.After
}{
	{"Move to Sent and Failed", watch.AfterMove},
	{"Keep in the folder", watch.AfterKeep},
	{"Delete sent files", watch.AfterDelete},
}

// watchTab is the "Watch folders" tab: the watches with their state, and a
// form to add one (folder, profile, after-policy).
type watchTab struct {
	w       *Window
	c       WatchControl
	content fyne.CanvasObject
	form    *fyne.Container
	list    *widget.List
	folder  *widget.Label
	dir     string
	profile *widget.Select
	after   *widget.Select
	add     *widget.Button

	stop     chan struct{} // ends the redraws
	stopOnce sync.Once

	mu     sync.Mutex
	states []watch.WatchState
	notify func(title, content string) // the app's notifications; tests record them
	label  *fyne.MenuItem              // tray: "Watching N folders"
	pause  *fyne.MenuItem              // tray: Pause/Resume all watches
}

// AddWatchFolders adds the "Watch folders" tab and the tray's watch items,
// and keeps them up to date every refreshEvery. Call it on the UI goroutine
// after SetupTray; pass the watches' events to NotifyWatchEvent.
func (w *Window) AddWatchFolders(c WatchControl) {
	t := &watchTab{w: w, c: c, notify: func(title, content string) {
		w.app.SendNotification(fyne.NewNotification(title, content))
	}}
	t.build()
	w.watches = t
	if tabs := findTabs(w.win.Content()); tabs != nil {
		tabs.Append(container.NewTabItemWithIcon("Watch folders", theme.FolderOpenIcon(), t.content))
	}
	t.addToTray()
	t.refresh()
	t.stop = make(chan struct{})
	go func() {
		tick := time.NewTicker(watchRefreshEvery)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				onUI(t.refresh)
			case <-t.stop:
				return
			}
		}
	}()
}

// StopWatchFolders stops redrawing the "Watch folders" tab (the window is
// closing).
func (w *Window) StopWatchFolders() {
	if t := w.watches; t != nil && t.stop != nil {
		t.stopOnce.Do(func() { close(t.stop) })
	}
}

// watchRefreshEvery is how often the tab and the tray's count are redrawn.
const watchRefreshEvery = time.Second

// findTabs finds the window's tabs in its content.
func findTabs(o fyne.CanvasObject) *container.AppTabs {
	if tabs, ok := o.(*container.AppTabs); ok {
		return tabs
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			if tabs := findTabs(child); tabs != nil {
				return tabs
			}
		}
	}
	return nil
}

func (t *watchTab) build() {
	t.folder = widget.NewLabel("No folder chosen")
	choose := widget.NewButtonWithIcon("Choose folder…", theme.FolderOpenIcon(), t.chooseFolder)
	t.profile = widget.NewSelect(nil, nil)
	t.profile.PlaceHolder = "Profile"
	var labels []string
	for _, a := range afterChoices {
		labels = append(labels, a.label)
	}
	t.after = widget.NewSelect(labels, nil)
	t.after.SetSelectedIndex(0)
	t.add = widget.NewButtonWithIcon("Add watch", theme.ContentAddIcon(), t.addWatch)
	t.form = container.NewVBox(
		widget.NewLabel("Files that appear in a watched folder are checked and sent on their own, once each, when complete."),
		container.NewBorder(nil, nil, choose, nil, t.folder),
		container.NewGridWithColumns(3, t.profile, t.after, t.add),
	)
	t.list = widget.NewList(t.length, t.newRow, t.updateRow)
	t.content = container.NewBorder(t.form, nil, nil, nil, t.list)
}

func (t *watchTab) chooseFolder() {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		t.setFolder(u.Path())
	}, t.w.win)
}

func (t *watchTab) setFolder(dir string) {
	t.dir = dir
	t.folder.SetText(dir)
}

// addWatch adds the watch the form describes.
func (t *watchTab) addWatch() {
	after := watch.AfterMove
	if i := t.after.SelectedIndex(); i >= 0 {
		after = afterChoices[i].after
	}
	if t.dir == "" || t.profile.Selected == "" {
		dialog.ShowInformation("Watch a folder", "Choose a folder and the profile its files go to.", t.w.win)
		return
	}
	if err := t.c.Add(watch.Definition{Dir: t.dir, Profile: t.profile.Selected, After: after}); err != nil {
		dialog.ShowError(err, t.w.win)
		return
	}
	t.w.deps.Log.Add(fmt.Sprintf("watch: %s -> %s (after: %s)", t.dir, t.profile.Selected, after))
	t.setFolder("")
	t.folder.SetText("No folder chosen")
	t.refresh()
}

func (t *watchTab) length() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.states)
}

func (t *watchTab) newRow() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	state := widget.NewLabel("")
	state.Wrapping = fyne.TextWrapWord
	remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), nil)
	return container.NewBorder(nil, nil, nil, remove, container.NewVBox(title, state))
}

func (t *watchTab) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	t.mu.Lock()
	if i >= len(t.states) {
		t.mu.Unlock()
		return
	}
	s := t.states[i]
	t.mu.Unlock()
	row := o.(*fyne.Container)
	texts := row.Objects[0].(*fyne.Container).Objects
	texts[0].(*widget.Label).SetText(fmt.Sprintf("%s — %s", s.Definition.Dir, s.Definition.Profile))
	texts[1].(*widget.Label).SetText(watchStateText(s))
	remove := row.Objects[1].(*widget.Button)
	if s.Managed {
		remove.SetText("Managed")
		remove.Disable()
		return
	}
	remove.SetText("Remove")
	remove.Enable()
	key := s.Key()
	remove.OnTapped = func() {
		dialog.ShowConfirm("Stop watching", fmt.Sprintf("Stop watching %s? Its files stay where they are.", s.Definition.Dir), func(ok bool) {
			if !ok {
				return
			}
			if err := t.c.Remove(key); err != nil {
				dialog.ShowError(err, t.w.win)
			}
			t.refresh()
		}, t.w.win)
	}
}

// watchStateText is a watch's second line: its state, the last file and the errors.
func watchStateText(s watch.WatchState) string {
	var parts []string
	after := s.After
	if after == "" {
		after = watch.AfterMove
	}
	switch {
	case s.Err != "":
		parts = append(parts, "Not watching: "+s.Err)
	case s.Paused:
		parts = append(parts, "Paused")
	case s.Sending > 0:
		parts = append(parts, fmt.Sprintf("Sending %d", s.Sending))
	case s.Running:
		parts = append(parts, "Watching")
	default:
		parts = append(parts, "Starting")
	}
	parts = append(parts, "after: "+string(after))
	if s.Managed {
		parts = append(parts, "set by your administrator")
	}
	if s.LastFile != "" {
		parts = append(parts, fmt.Sprintf("last: %s %s at %s", filepath.Base(s.LastFile), s.LastEvent, s.LastTime.Format("15:04")))
	}
	if s.Errors > 0 {
		parts = append(parts, fmt.Sprintf("%d %s (last: %s)", s.Errors, plural(s.Errors, "error", "errors"), s.LastError))
	}
	return strings.Join(parts, " · ")
}

// refresh reads the watches' states and the profiles (UI goroutine).
func (t *watchTab) refresh() {
	states := t.c.States()
	t.mu.Lock()
	t.states = states
	t.mu.Unlock()
	if all, err := t.w.deps.Profiles.List(); err == nil {
		var names []string
		for _, p := range all {
			names = append(names, p.Name)
		}
		if strings.Join(names, "\x00") != strings.Join(t.profile.Options, "\x00") {
			t.profile.SetOptions(names)
		}
	}
	t.list.Refresh()
	t.refreshTray()
}

// NotifyWatchEvent tells the clerk about a file of a watched folder that
// failed or was refused (each one: nobody dropped it, so nobody is looking);
// the files sent are summed up by the window's "uploads finished"
// notification when the burst ends. It may be called from any goroutine.
func (w *Window) NotifyWatchEvent(ev watch.Event) {
	t := w.watches
	if t == nil {
		return
	}
	name := filepath.Base(ev.Path)
	switch ev.Kind {
	case watch.EventFailed:
		t.notify("Exchange: "+name+" was not sent", ev.Reason)
		w.deps.Log.Add(fmt.Sprintf("watch: not sent: %s: %s", ev.Path, ev.Reason))
	case watch.EventProblem:
		t.notify("Exchange: a watched folder has a problem", ev.Reason)
		w.deps.Log.Add("watch: " + ev.Reason)
	case watch.EventWaiting:
		w.deps.Log.Add(fmt.Sprintf("watch: waiting: %s: %s", ev.Path, ev.Reason))
	case watch.EventSent:
		w.deps.Log.Add(fmt.Sprintf("watch: sent: %s -> %s", ev.Path, ev.RemotePath))
	}
}

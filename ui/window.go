package ui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"exchange/diagnose/verdict"
	"exchange/profile"
	"exchange/transport/bandwidth"
	"exchange/uploader"
)

// Deps is what the window is built from.
type Deps struct {
	Backend  Backend
	Profiles *profile.Store
	// History lists files that left the queue.
	History func(q uploader.HistoryQuery) ([]uploader.HistoryEntry, error)
	// Diagnose runs "Test connection".
	Diagnose func(ctx context.Context, p profile.Profile, password string, progress func(verdict.Step)) verdict.Result
	// TemplateNames lists the Excel import templates a profile can name
	// (app.TemplateNames), read again each time Settings' menu opens; nil
	// offers none. The window does not link the Excel checker in.
	TemplateNames func() []string
	// Inbox is where files sent to the built-in server land.
	Inbox string
	Log   *LogBuffer
	// Window is the Fyne window to build in; nil means a new one. The
	// composition root makes it first, for the Asker.
	Window fyne.Window
	// Asker asks the clerk the service's questions in Window; nil means a
	// new one (then the service cannot have been given its methods).
	Asker *Asker
	// PickFiles asks for files to add; nil means Fyne's file dialog.
	PickFiles func(done func(paths []string))
	// PickFolder asks for a folder to add; nil means the system's dialog.
	PickFolder func(done func(dir string))
	// Limits are the speed limits; the top bar sets the global one (speedlimit.go). nil: no control.
	Limits *bandwidth.Limits
	// LogDir is the folder of the log file, for "Open log folder"; "" hides it.
	LogDir string
	// SaveFile asks where to save a file called name and gives a writer
	// (nil when canceled); nil means Fyne's save dialog (historyexport.go).
	SaveFile func(name string, done func(io.WriteCloser, error))
}

// Window is the main window.
type Window struct {
	app   fyne.App
	win   fyne.Window
	deps  Deps
	bk    Backend
	asker *Asker
	// tabs are Queue, History, Log and Settings.
	tabs *container.AppTabs

	// picking is true while the system's file dialog is open: a second
	// Add files… (or Ctrl+O, or the tray's Quick upload) does not open another.
	picking atomic.Bool

	model  *queueModel
	list   *queueList
	header *queueHeader
	empty  *emptyState

	profiles     *widget.Select
	mode         *widget.RadioGroup
	tlsLabel     *widget.Label
	banner       *fyne.Container
	bannerText   *widget.Label
	overall      *widget.ProgressBar
	overallLabel *widget.Label
	uploadButton *widget.Button
	pauseButton  *widget.Button
	cancelAll    *widget.Button
	// asking is the profile whose password prompt is open (UI goroutine
	// only): choosing it again does not open a second prompt.
	asking string

	mu       sync.Mutex
	current  profile.Profile
	password string

	history  *historyView
	settings *settingsView
	tray     *tray
	watches  *watchTab // the "Watch folders" tab, once AddWatchFolders ran

	refreshMu      sync.Mutex
	refreshPending bool
	// historyStale says a file ended since History was read.
	historyStale atomic.Bool
	// tab is the tab shown (UI goroutine).
	tab string
	// stopped says the window has quit: nothing more is redrawn or asked.
	stopped atomic.Bool
	bg      sync.WaitGroup

	unsubscribe func()
}

// NewWindow builds the window; call Show (or ShowAndRun) on the result's Window().
func NewWindow(a fyne.App, deps Deps) *Window {
	if deps.Log == nil {
		deps.Log = NewLogBuffer(2000)
	}
	if deps.Window == nil {
		deps.Window = a.NewWindow("Exchange")
	}
	if deps.Asker == nil {
		deps.Asker = NewAsker(deps.Window, deps.Profiles, deps.Log)
	}
	w := &Window{app: a, win: deps.Window, deps: deps, bk: deps.Backend, asker: deps.Asker, model: newQueueModel()}
	w.asker.setOnPinned(w.profilePinned)
	w.build()
	w.unsubscribe = w.bk.Subscribe(w.onEvent)
	for _, info := range w.bk.Items() {
		w.model.Apply(uploader.Event{Kind: info.State, Seq: info.Seq, Item: info.ID, Path: info.Path, Profile: info.Profile, Report: info.Report,
			RemotePath: info.RemotePath, Err: info.Err, Note: info.Note})
	}
	w.refreshAll()
	w.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { w.HandleDrop(uris) })
	w.restoreSize()
	w.win.SetCloseIntercept(w.onClose)
	return w
}

// Window is the Fyne window.
func (w *Window) Window() fyne.Window { return w.win }

func (w *Window) build() {
	w.list = newQueueList(w.model, rowActions{details: w.showDetails, cancel: w.cancel, retry: w.retry, remove: w.remove,
		copy: func(text string) { w.app.Clipboard().SetContent(text) }}, w.removeMany)
	w.list.keepColumnsIn(w.app.Preferences())
	w.header = newQueueHeader(w.list, w.clearFinished)
	w.header.offerAddFolder(w.pickFolder)
	table := container.NewBorder(w.header.content, nil, nil, nil, w.list)
	w.empty = w.buildEmptyState(table)
	queue := container.NewStack(table, w.empty.content)

	w.history = newHistoryView(w)
	w.settings = newSettingsView(w)
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Queue"), theme.UploadIcon(), queue),
		container.NewTabItemWithIcon(lang.L("History"), theme.HistoryIcon(), w.history.content),
		container.NewTabItemWithIcon(lang.L("Log"), theme.ListIcon(), withLogFolder(newLogPanel(w.deps.Log, w.app, w.win).content, w.app, w.deps.LogDir)),
		container.NewTabItemWithIcon(lang.L("Settings"), theme.SettingsIcon(), w.settings.content),
	)
	w.tabs = tabs
	tabs.OnSelected = func(t *container.TabItem) {
		w.tab = t.Text
		w.app.Preferences().SetString(lastTabKey, t.Text)
		// A field typed in on the tab left behind keeps the focus otherwise,
		// and its blinking cursor redraws the whole window many times a second
		// (on a software renderer, CPU taken from the uploads).
		w.win.Canvas().Unfocus()
		switch t.Text {
		case lang.L("History"):
			w.history.reload()
		case lang.L("Settings"):
			w.settings.refresh()
		}
	}
	w.win.SetContent(container.NewBorder(container.NewVBox(w.buildBanner(), w.buildToolbar(), w.buildOverall()), nil, nil, nil, tabs))
	w.tab = lang.L("Queue")
	defer restoreTab(tabs, w.app.Preferences().String(lastTabKey)) // once the profile is chosen: Settings shows it
	w.addShortcuts()
	w.addHelpMenu()
	w.showDestination(profile.Profile{})
	w.selectStartingProfile()
	w.refreshAll()
}

// buildBanner is the line that says where files go. It is always there,
// one line whatever the server, so that nothing below it moves when the
// server changes.
func (w *Window) buildBanner() fyne.CanvasObject {
	w.bannerText = widget.NewLabel("")
	w.bannerText.Truncation = fyne.TextTruncateEllipsis
	w.banner = container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, w.bannerText)
	return w.banner
}

// showDestination says in the banner where files sent with p go.
func (w *Window) showDestination(p profile.Profile) {
	text := fmt.Sprintf(lang.L("Files go to %s."), destinationText(p, w.deps.Inbox))
	if p.BuiltIn {
		text = fmt.Sprintf(lang.L("Test mode: files land in %s. Add your agency's server under Settings to send for real."), w.deps.Inbox)
	}
	w.bannerText.SetText(text)
	w.empty.setDestination(p, w.deps.Inbox)
}

// The toolbar's elements have fixed widths: a longer server name, another
// encryption or Pause turning into Resume never moves the others, and the
// window never widens by itself.
const (
	serverSelectWidth = 170
	tlsLabelWidth     = 134
	pauseButtonWidth  = 112
)

func (w *Window) buildToolbar() fyne.CanvasObject {
	w.profiles = widget.NewSelect(nil, func(name string) { w.chooseProfile(name) })
	w.profiles.PlaceHolder = lang.L("Choose a server")
	w.mode = widget.NewRadioGroup([]string{lang.L("Passive"), lang.L("Active")}, func(m string) { w.setMode(m) })
	w.mode.Horizontal = true
	w.mode.Required = true
	w.tlsLabel = widget.NewLabel("")
	w.tlsLabel.Truncation = fyne.TextTruncateEllipsis
	add := widget.NewButtonWithIcon(lang.X("toolbar.add_files", "Add files…"), theme.ContentAddIcon(), w.pickFiles)
	w.uploadButton = widget.NewButtonWithIcon(lang.L("Upload"), theme.UploadIcon(), w.upload)
	w.pauseButton = widget.NewButtonWithIcon(lang.L("Pause"), theme.MediaPauseIcon(), w.togglePause)
	w.cancelAll = widget.NewButtonWithIcon(lang.L("Cancel all"), theme.CancelIcon(), w.bk.CancelAll)
	left := container.NewHBox(widget.NewLabel(lang.L("Server:")), fixedWidth(serverSelectWidth, w.profiles),
		w.mode, fixedWidth(tlsLabelWidth, w.tlsLabel))
	right := container.NewHBox(add, w.uploadButton, fixedWidth(pauseButtonWidth, w.pauseButton), w.cancelAll)
	return container.NewBorder(nil, nil, left, right)
}

// overallLabelWidth is the room of the overall line's words, fixed so that
// the bar beside them does not change its width with every event.
const overallLabelWidth = 560

func (w *Window) buildOverall() fyne.CanvasObject {
	w.overall = widget.NewProgressBar()
	w.overallLabel = widget.NewLabelWithStyle(lang.L("No files yet"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.overallLabel.Truncation = fyne.TextTruncateEllipsis
	// The speed limit sits at the end of this line, not in the toolbar, so
	// that the toolbar still fits the default window's width.
	return container.New(overallLineLayout{}, w.overallLabel, w.overall, newSpeedLimit(w.deps.Limits, adminSpeedLimit(), w.app.Preferences()))
}

func (w *Window) addShortcuts() {
	c := w.win.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { w.pickFiles() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyU, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { w.upload() })
	c.AddShortcut(&fyne.ShortcutSelectAll{}, func(fyne.Shortcut) { w.list.selectAll() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { w.quitAsking() })
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyDelete, fyne.KeyReturn, fyne.KeyEnter, fyne.KeyUp, fyne.KeyDown, fyne.KeyEscape:
			w.list.TypedKey(ev) // the queue's keys work before a row was clicked too
		}
	})
}

// lastTabKey remembers the tab shown last, to open on it next time.
const lastTabKey = "window.tab"

// restoreTab selects the tab called name, if there is one.
func restoreTab(tabs *container.AppTabs, name string) {
	for _, it := range tabs.Items {
		if it.Text == name && tabs.Selected() != it {
			tabs.Select(it)
		}
	}
}

// removeMany removes files from the queue, after asking when there are
// several (Ctrl+A, then Delete).
func (w *Window) removeMany(ids []uploader.ItemID) {
	remove := func() {
		for i := len(ids) - 1; i >= 0; i-- { // from the end: the model moves fewer rows
			if err := w.bk.Remove(ids[i]); err != nil {
				w.deps.Log.Add("remove: " + err.Error())
			}
		}
	}
	if len(ids) == 1 {
		w.remove(ids[0])
		return
	}
	dialog.ShowConfirm(lang.L("Remove files"), removeQuestion(len(ids)), func(ok bool) {
		if ok {
			remove()
		}
	}, w.win)
}

// clearFinished takes the files sent or skipped off the list (History
// keeps them).
func (w *Window) clearFinished() {
	ids := w.model.finishedIDs()
	for i := len(ids) - 1; i >= 0; i-- {
		if err := w.bk.Remove(ids[i]); err != nil {
			w.deps.Log.Add("clear finished: " + err.Error())
		}
	}
}

// showDetails opens or closes the findings of a file in its row.
func (w *Window) showDetails(id uploader.ItemID) { w.list.toggle(id) }

// HandleDrop adds the dropped files, and the files of dropped folders.
func (w *Window) HandleDrop(uris []fyne.URI) {
	var paths, skipped []string
	for _, u := range uris {
		if u.Scheme() != "file" {
			skipped = append(skipped, u.String())
			continue
		}
		paths = append(paths, u.Path())
	}
	w.addDropped(paths)
	if len(skipped) > 0 {
		showInfo(lang.L("Not added"), lang.L("These are not files on this computer, so they were not added:")+"\n"+strings.Join(skipped, "\n"), w.win)
	}
}

// AddPaths queues files and starts sending them.
func (w *Window) AddPaths(paths []string) {
	if len(paths) == 0 {
		return
	}
	if _, err := w.bk.Add(paths...); err != nil {
		dialog.ShowError(fmt.Errorf(lang.L("could not add the files: %w"), err), w.win)
		return
	}
	w.bk.Start()
}

func (w *Window) pickFiles() {
	done := func(paths []string) { w.AddPaths(paths) }
	if w.deps.PickFiles != nil {
		w.deps.PickFiles(done)
		return
	}
	w.pickWithSystemDialog(done)
}

func (w *Window) upload() {
	w.bk.Start()
	if w.bk.Paused() {
		w.bk.Resume()
	}
	w.refreshPause()
	w.refreshAll()
}

func (w *Window) togglePause() {
	if w.bk.Paused() {
		w.bk.Resume()
	} else {
		w.bk.Pause()
	}
	w.refreshPause()
	w.refreshAll()
}

// refreshButtons offers Upload (as the main action) only when there are
// files waiting that are not moving, and Cancel all only while files are
// still to send.
func (w *Window) refreshButtons(t totals, paused bool) {
	pending := t.pendingFiles() > 0
	canUpload := pending && (paused || t.Active == 0)
	enableIf(w.uploadButton, canUpload)
	imp := widget.MediumImportance
	if canUpload {
		imp = widget.HighImportance
	}
	if w.uploadButton.Importance != imp {
		w.uploadButton.Importance = imp
		w.uploadButton.Refresh()
	}
	enableIf(w.cancelAll, pending)
}

func enableIf(b *widget.Button, enabled bool) {
	if enabled {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (w *Window) refreshPause() {
	if w.bk.Paused() {
		w.pauseButton.SetText(lang.L("Resume"))
		w.pauseButton.SetIcon(theme.MediaPlayIcon())
	} else {
		w.pauseButton.SetText(lang.L("Pause"))
		w.pauseButton.SetIcon(theme.MediaPauseIcon())
	}
	if w.tray != nil {
		w.tray.refresh()
	}
}

func (w *Window) cancel(id uploader.ItemID) { w.report(w.bk.Cancel(id)) }
func (w *Window) retry(id uploader.ItemID) {
	w.report(w.bk.Retry(id))
	w.bk.Start()
}
func (w *Window) remove(id uploader.ItemID) { w.report(w.bk.Remove(id)) }

func (w *Window) report(err error) {
	if err != nil {
		dialog.ShowError(err, w.win)
	}
}

// refreshInterval is how often the list and bars are redrawn at most while
// events come in: four times a second is smooth to the eye, and each redraw
// costs CPU that a software-rendered window takes from the upload.
const refreshInterval = 250 * time.Millisecond

// onEvent runs on the service's goroutine: fold the event into the model,
// then let the UI goroutine redraw (at most every refreshInterval).
func (w *Window) onEvent(ev uploader.Event) {
	w.model.Apply(ev)
	if (row{State: ev.Kind}).Finished() {
		w.historyStale.Store(true)
	}
	switch ev.Kind {
	case uploader.EventBatchDone:
		w.batchDone(ev)
	case uploader.EventFailed:
		w.deps.Log.Add(fmt.Sprintf("failed: %s: %s", ev.Path, ev.Err))
	case uploader.EventDone:
		w.deps.Log.Add(fmt.Sprintf("sent: %s -> %s", ev.Path, ev.RemotePath))
	case uploader.EventInvalid:
		w.deps.Log.Add(fmt.Sprintf("not sent, invalid: %s", ev.Path))
	case uploader.EventJournalFailed:
		w.deps.Log.Add(fmt.Sprintf("journal: %s %s", ev.Err, ev.Hint))
	}
	w.scheduleRefresh()
}

func (w *Window) scheduleRefresh() {
	w.refreshMu.Lock()
	if w.refreshPending {
		w.refreshMu.Unlock()
		return
	}
	w.refreshPending = true
	w.refreshMu.Unlock()
	time.AfterFunc(refreshInterval, func() {
		w.refreshMu.Lock()
		w.refreshPending = false
		w.refreshMu.Unlock()
		onUI(w.refreshAll)
	})
}

// refreshAll redraws the list and the overall bar (UI goroutine).
func (w *Window) refreshAll() {
	if w.stopped.Load() {
		return
	}
	w.list.reload()
	w.empty.show(w.model.Len() == 0)
	if w.tab == lang.L("History") && w.historyStale.Swap(false) {
		w.history.reloadLater()
	}
	t := w.model.Totals()
	// No bar before there is something to send: an empty bar reads as
	// something at 0%.
	showIf(w.overall, t.Files-t.Invalid-t.Skipped > 0)
	if t.Total > 0 {
		w.overall.SetValue(float64(t.Bytes) / float64(t.Total))
	} else {
		w.overall.SetValue(0)
	}
	paused := w.bk.Paused()
	w.overallLabel.SetText(overallText(t, w.model.server(), paused))
	w.refreshButtons(t, paused)
	if w.tray != nil {
		w.tray.refresh()
	}
}

func (w *Window) batchDone(ev uploader.Event) {
	msg := lang.N("{{.Count}} sent", ev.Sent, counted(ev.Sent))
	if ev.Invalid > 0 {
		msg += ", " + lang.N("{{.Count}} refused as invalid", ev.Invalid, counted(ev.Invalid))
	}
	if ev.Failed > 0 {
		msg += ", " + lang.N("{{.Count}} failed", ev.Failed, counted(ev.Failed))
	}
	if ev.Skipped > 0 {
		msg += ", " + lang.N("{{.Count}} skipped", ev.Skipped, counted(ev.Skipped))
	}
	w.deps.Log.Add("batch finished: " + msg)
	if !w.notifyFailures() {
		w.app.SendNotification(fyne.NewNotification(lang.L("Exchange: uploads finished"), msg))
	}
	if w.tray != nil {
		w.tray.setLastBatch()
	}
}

// selectStartingProfile puts the profile chosen last time (or the default) in the selector.
func (w *Window) selectStartingProfile() {
	last := w.app.Preferences().String(lastServerKey) // before reloadProfiles chooses the default
	w.reloadProfiles()
	if w.deps.Profiles == nil {
		return
	}
	// reloadProfiles selected the default already when no profile was in use.
	if p, err := w.startingProfile(last); err == nil && w.profiles.Selected != p.Name {
		w.profiles.SetSelected(p.Name)
	}
}

func (w *Window) reloadProfiles() {
	if w.deps.Profiles == nil {
		return
	}
	all, err := w.deps.Profiles.List()
	if err != nil {
		w.deps.Log.Add("profiles: " + err.Error())
		return
	}
	var names []string
	for _, p := range all {
		names = append(names, p.Name)
	}
	w.profiles.SetOptions(names)
	// The profile in use was deleted: the default one takes over, so that
	// nothing more goes to a server the user removed.
	cur := w.CurrentProfile().Name
	for _, n := range names {
		if strings.EqualFold(n, cur) {
			return
		}
	}
	if def, err := w.deps.Profiles.Default(); err == nil {
		w.profiles.SetSelected(def.Name)
	}
}

// chooseProfile makes name the profile of the files added from now on.
func (w *Window) chooseProfile(name string) {
	p, err := w.deps.Profiles.Get(name)
	if err != nil {
		w.report(err)
		return
	}
	w.mu.Lock()
	cur, curPassword := w.current.Name, w.password
	w.mu.Unlock()
	if strings.EqualFold(cur, p.Name) && curPassword != "" {
		w.useProfile(p, curPassword) // the profile in use, edited: keep its password
		return
	}
	password, known := w.asker.Known(p)
	if !known {
		if strings.EqualFold(w.asking, p.Name) {
			return // its prompt is open already
		}
		w.asking = p.Name
		// The window goes to p at once, without a password: the banner and
		// the toolbar describe the server the selector shows while the prompt
		// is open, and a file dropped meanwhile goes there. Through the
		// Asker, so that its upload waits for this one prompt rather than
		// opening another (and never logs in with an empty password).
		w.useProfile(p, "")
		go func() {
			pw, err := w.asker.Password(context.Background(), p)
			onUI(func() {
				w.asking = ""
				switch {
				case err == nil:
					w.useProfile(p, pw)
				case cur == "" || strings.EqualFold(cur, p.Name):
				case w.profiles.Selected != cur:
					w.profiles.SetSelected(cur) // canceled: back to the profile used before, shown and described
				default:
					w.chooseProfile(cur)
				}
			})
		}()
		return
	}
	w.useProfile(p, password)
}

func (w *Window) useProfile(p profile.Profile, password string) {
	p = p.WithDefaults()
	w.mu.Lock()
	w.current, w.password = p, password
	w.mu.Unlock()
	w.bk.SetProfile(p, password)
	w.rememberServer(p.Name)
	if p.Mode == "active" {
		w.mode.SetSelected(lang.L("Active"))
	} else {
		w.mode.SetSelected(lang.L("Passive"))
	}
	if p.IsSFTP() {
		w.mode.Disable() // SFTP has one connection: no passive or active mode to choose
	} else {
		w.mode.Enable()
	}
	w.showTLS(p)
	w.showDestination(p)
}

// showTLS says in the top bar how the profile's connections are protected.
// (Plain text: a lock emoji would make Fyne load a fallback font.)
func (w *Window) showTLS(p profile.Profile) {
	switch {
	case p.IsSFTP():
		w.tlsLabel.SetText(lang.L("Encrypted (SSH)"))
	case p.TLS != "explicit" && p.TLS != "implicit":
		w.tlsLabel.SetText(lang.L("Not encrypted"))
	case p.PinnedSHA256 != "":
		w.tlsLabel.SetText(lang.L("Encrypted, pinned"))
	default:
		w.tlsLabel.SetText(lang.L("Encrypted"))
	}
}

// setMode switches passive/active for the next connection.
func (w *Window) setMode(label string) {
	mode := profile.Passive
	if label == lang.L("Active") {
		mode = profile.Active
	}
	w.mu.Lock()
	p, pw := w.current, w.password
	changed := p.Name != "" && p.WithDefaults().Mode != mode
	p.Mode = mode
	if changed {
		w.current = p
	}
	w.mu.Unlock()
	if !changed {
		return
	}
	w.bk.SetProfile(p, pw)
	w.deps.Log.Add(fmt.Sprintf("mode of %q: %s (from the next connection)", p.Name, mode))
	if !p.BuiltIn && !p.ReadOnly && w.deps.Profiles != nil {
		if err := w.deps.Profiles.Save(p); err != nil {
			w.deps.Log.Add("save profile: " + err.Error())
		}
	}
}

// CurrentProfile is the profile files are added to.
func (w *Window) CurrentProfile() profile.Profile {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.current
}

func (w *Window) quit() {
	w.saveSize()
	w.stopped.Store(true)
	if w.unsubscribe != nil {
		w.unsubscribe()
	}
	w.app.Quit()
}

func (w *Window) saveSize() {
	s := w.win.Canvas().Size()
	if s.Width > 100 && s.Height > 100 {
		w.app.Preferences().SetFloat("window.width", float64(s.Width))
		w.app.Preferences().SetFloat("window.height", float64(s.Height))
	}
}

func (w *Window) restoreSize() {
	width := w.app.Preferences().FloatWithFallback("window.width", 1040)
	height := w.app.Preferences().FloatWithFallback("window.height", 640)
	w.win.Resize(fyne.NewSize(float32(width), float32(height)))
}

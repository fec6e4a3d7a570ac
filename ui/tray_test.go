package ui

import (
	"fmt"
	"path"
	"slices"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"exchange/uploader"
)

// trayApp gives the test app a system tray that records what it is given.
type trayApp struct {
	fyne.App
	mu   sync.Mutex
	menu *fyne.Menu
	icon fyne.Resource
}

func (a *trayApp) SetSystemTrayMenu(m *fyne.Menu)    { a.mu.Lock(); a.menu = m; a.mu.Unlock() }
func (a *trayApp) SetSystemTrayIcon(r fyne.Resource) { a.mu.Lock(); a.icon = r; a.mu.Unlock() }
func (a *trayApp) SetSystemTrayWindow(fyne.Window)   {}

func (a *trayApp) trayIcon() fyne.Resource {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.icon
}

// withTray installs the tray of the window on a recording tray app.
func (h *harness) withTray(icon fyne.Resource) *trayApp {
	ta := &trayApp{App: h.win.app}
	h.win.app = ta
	onUIWait(func() { h.win.SetupTray(icon) })
	if h.win.tray == nil {
		h.t.Fatal("no tray on an app with a system tray")
	}
	return ta
}

func TestTrayMenuActions(t *testing.T) {
	h := newHarness(t)
	picked := make(chan struct{}, 1)
	h.win.deps.PickFiles = func(done func([]string)) {
		picked <- struct{}{}
		done([]string{writeFile(t, "quick.al3", validAL3(t))})
	}
	ta := h.withTray(nil)
	ta.mu.Lock()
	menu := ta.menu
	ta.mu.Unlock()
	if menu != h.win.tray.menu {
		t.Fatal("the tray menu was not given to the system tray")
	}
	items := map[string]*fyne.MenuItem{}
	for _, it := range h.win.tray.menu.Items {
		items[it.Label] = it
	}
	for _, want := range []string{"Quick upload…", "Show window", "Recent uploads", "Pause", "Quit"} {
		if items[want] == nil {
			t.Errorf("tray menu lacks %q", want)
		}
	}
	onUIWait(items["Quick upload…"].Action)
	<-picked
	h.waitFor("the quick upload", func() bool { return h.rowState("quick.al3") == uploader.EventDone })
	// Two batch ends list the quick upload once under Recent uploads.
	h.win.tray.setLastBatch()
	h.win.tray.setLastBatch()
	h.win.tray.mu.Lock()
	recent := append([]string(nil), h.win.tray.recent...)
	h.win.tray.mu.Unlock()
	if len(recent) != 1 {
		t.Errorf("recent uploads = %v, want the one file once", recent)
	}
	onUIWait(func() {
		r, _ := h.row("quick.al3")
		sub := h.win.tray.menu.Items[2].ChildMenu.Items
		if want := "quick.al3 → Local test server " + path.Dir(r.RemotePath); len(sub) != 1 || sub[0].Label != want {
			t.Errorf("Recent uploads submenu = %v, want the quick upload and where it went", sub)
		}
	})
	onUIWait(items["Pause"].Action)
	if !h.svc.Paused() {
		t.Error("Pause in the tray did not pause")
	}
	onUIWait(func() {
		if items["Pause"].Label != "Resume" {
			t.Errorf("the paused tray offers %q, want Resume", items["Pause"].Label)
		}
	})
	onUIWait(items["Pause"].Action)
	if h.svc.Paused() {
		t.Error("Resume in the tray did not resume")
	}
}

// TestTrayIconFollowsTheQueue: the icon says idle (the app's icon), busy
// while a file is on its way, error when one failed, and idle again after.
func TestTrayIconFollowsTheQueue(t *testing.T) {
	h := newHarness(t)
	appIcon := theme.ComputerIcon()
	ta := h.withTray(appIcon)
	if h.win.tray.State() != "idle" || ta.trayIcon() != appIcon {
		t.Fatalf("tray on start: %q with %v, want idle with the app icon", h.win.tray.State(), ta.trayIcon())
	}
	waitState := func(want string) {
		t.Helper()
		h.waitFor("the tray to be "+want, func() bool { return h.win.tray.State() == want })
	}

	var tips []string
	var tipsMu sync.Mutex
	h.win.tray.setTooltip = func(s string) { tipsMu.Lock(); tips = append(tips, s); tipsMu.Unlock() }
	h.win.onEvent(uploader.Event{Kind: uploader.EventQueued, Item: "x", Path: "/tmp/x.al3", Profile: "Agency"})
	h.win.onEvent(uploader.Event{Kind: uploader.EventConnecting, Item: "x"})
	waitState("busy")
	h.waitFor("the tooltip to say what is happening", func() bool {
		tipsMu.Lock()
		defer tipsMu.Unlock()
		return len(tips) > 0 && tips[len(tips)-1] == "Exchange: Sending 1 of 1 to Agency" && h.win.tray.Tooltip() == tips[len(tips)-1]
	})
	if _, ok := ta.trayIcon().(*theme.PrimaryThemedResource); !ok {
		t.Errorf("busy icon = %T, want the upload icon in the primary colour", ta.trayIcon())
	}

	h.win.onEvent(uploader.Event{Kind: uploader.EventFailed, Item: "x", Err: "550 denied"})
	waitState("error")
	if _, ok := ta.trayIcon().(*theme.ErrorThemedResource); !ok {
		t.Errorf("error icon = %T, want the error icon in the error colour", ta.trayIcon())
	}

	// Busy wins over an older failure: a file on its way is what matters.
	h.win.onEvent(uploader.Event{Kind: uploader.EventQueued, Item: "y", Path: "/tmp/y.al3"})
	h.win.onEvent(uploader.Event{Kind: uploader.EventUploading, Item: "y", Bytes: 1, Total: 10})
	waitState("busy")

	h.win.onEvent(uploader.Event{Kind: uploader.EventDone, Item: "y"})
	h.win.onEvent(uploader.Event{Kind: uploader.EventRemoved, Item: "x"})
	waitState("idle")
	if ta.trayIcon() != appIcon {
		t.Errorf("idle icon = %v, want the app icon", ta.trayIcon())
	}
}

// TestTrayQuickUploadUsesTheDefaultProfile: Quick upload sends to the
// default profile even when the window has another one chosen.
func TestTrayQuickUploadUsesTheDefaultProfile(t *testing.T) {
	h := newHarness(t, withKeychain())
	other := agencyProfile("Other")
	h.savePassword(other, "pw")
	def, err := h.store.Default()
	if err != nil {
		t.Fatal(err)
	}
	onUIWait(func() {
		h.win.reloadProfiles()
		h.win.profiles.SetSelected(other.Name)
	})
	if h.win.CurrentProfile().Name != other.Name {
		t.Fatalf("the window uses %q, want %q", h.win.CurrentProfile().Name, other.Name)
	}
	h.win.deps.PickFiles = func(func([]string)) {}
	h.withTray(nil)
	onUIWait(h.win.tray.QuickUpload)
	if got := h.win.CurrentProfile().Name; got != def.Name {
		t.Errorf("Quick upload sends to %q, want the default %q", got, def.Name)
	}
}

// TestTrayRecentUploadsListsTheLastTenSent: newest first, only files that
// were sent, however long the list.
func TestTrayRecentUploadsListsTheLastTenSent(t *testing.T) {
	h := newHarness(t)
	h.withTray(nil)
	for i := range 25 {
		id := uploader.ItemID(fmt.Sprintf("item-%02d", i))
		kind := uploader.EventDone
		if i%5 == 4 {
			kind = uploader.EventFailed
		}
		h.win.model.Apply(uploader.Event{Kind: kind, Item: id, Path: fmt.Sprintf("/agency/DL%02d.AL3", i), Profile: "Agency", RemotePath: fmt.Sprintf("/in/DL%02d.AL3", i)})
	}
	h.win.tray.setLastBatch()
	h.win.tray.mu.Lock()
	recent := append([]string(nil), h.win.tray.recent...)
	h.win.tray.mu.Unlock()
	var want []string
	for i := 24; i >= 0 && len(want) < 10; i-- {
		if i%5 != 4 {
			want = append(want, fmt.Sprintf("DL%02d.AL3 → Agency /in", i))
		}
	}
	if !slices.Equal(recent, want) {
		t.Errorf("recent uploads =\n%q\nwant\n%q", recent, want)
	}
}

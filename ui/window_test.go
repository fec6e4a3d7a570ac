package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"exchange/uploader"
	"exchange/uploader/ftpclient"
	"exchange/uploader/localserver"
	"exchange/uploader/profile"
	"exchange/validate"
	"exchange/validate/al3/al3gen"
)

// harness is a window on the real upload service, sending to a real
// built-in server, with the test driver (no display).
type harness struct {
	t     *testing.T
	win   *Window
	svc   *uploader.Service
	inbox string
	store *profile.Store

	mu    sync.Mutex
	modes []ftpclient.Mode // the mode of each connection made
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	t.Setenv("EXCHANGE_MACHINE_PROFILES", filepath.Join(t.TempDir(), "none.json"))
	h := &harness{t: t, inbox: t.TempDir()}
	srv, err := localserver.Start(localserver.Options{Dir: h.inbox, User: profile.BuiltInUser, Password: profile.BuiltInPassword})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	state := t.TempDir()
	journal, err := uploader.OpenJournal(state)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { journal.Close() })
	h.store, _ = profile.OpenStore(state, nil)
	h.store.SetBuiltIn(profile.BuiltInProfile(srv.Port()))
	h.svc, err = uploader.New(uploader.Options{
		Journal: journal,
		Validate: func(_ context.Context, path string, _ profile.Profile) (*validate.Report, error) {
			return validate.File(path, validate.Options{})
		},
		Dial: func(ctx context.Context, cfg ftpclient.Config) (ftpclient.Session, error) {
			h.mu.Lock()
			h.modes = append(h.modes, cfg.Mode)
			h.mu.Unlock()
			return ftpclient.Dial(ctx, cfg)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.svc.Close() })
	a := test.NewTempApp(t)
	onUIWait(func() {
		h.win = NewWindow(a, Deps{Backend: h.svc, Profiles: h.store, History: journal.History, Inbox: h.inbox})
	})
	return h
}

func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (h *harness) rowState(name string) uploader.EventKind {
	for i := 0; i < h.win.model.Len(); i++ {
		if r, _ := h.win.model.At(i); r.Name == name {
			return r.State
		}
	}
	return ""
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func validAL3(t *testing.T) []byte {
	t.Helper()
	return al3gen.Valid(al3gen.CRLF)
}

func TestDropSendsValidFilesAndNeverInvalidOnes(t *testing.T) {
	h := newHarness(t)
	good := writeFile(t, "policy.al3", validAL3(t))
	bad := writeFile(t, "broken.al3", []byte("1MHG161   this is not a whole AL3 file"))
	onUIWait(func() { h.win.HandleDrop([]fyne.URI{storage.NewFileURI(good), storage.NewFileURI(bad)}) })
	h.waitFor("the valid file to be sent", func() bool { return h.rowState("policy.al3") == uploader.EventDone })
	h.waitFor("the invalid file to be refused", func() bool { return h.rowState("broken.al3") == uploader.EventInvalid })
	if got, err := os.ReadFile(filepath.Join(h.inbox, "policy.al3")); err != nil || string(got) != string(validAL3(t)) {
		t.Errorf("the valid file did not arrive intact: %v", err)
	}
	if _, err := os.Stat(filepath.Join(h.inbox, "broken.al3")); !os.IsNotExist(err) {
		t.Error("the invalid file reached the server")
	}
	for i := 0; i < h.win.model.Len(); i++ {
		r, _ := h.win.model.At(i)
		if r.Name == "broken.al3" {
			if !strings.HasPrefix(r.VerdictText(), "Invalid") || r.DetailText() == "" {
				t.Errorf("invalid row says %q / %q", r.VerdictText(), r.DetailText())
			}
			view := findingsView(r.Report)
			if view == nil {
				t.Error("no findings view")
			}
		}
	}
}

func TestFolderDropIsRefusedWithAWord(t *testing.T) {
	h := newHarness(t)
	onUIWait(func() { h.win.HandleDrop([]fyne.URI{storage.NewFileURI(t.TempDir())}) })
	if h.win.model.Len() != 0 {
		t.Error("a folder was added as a file")
	}
}

func TestToggleChangesTheModeOfTheNextConnection(t *testing.T) {
	h := newHarness(t)
	if h.win.mode.Selected != "Passive" {
		t.Fatalf("mode on start = %q, want Passive", h.win.mode.Selected)
	}
	first := writeFile(t, "one.al3", validAL3(t))
	h.win.AddPaths([]string{first})
	h.waitFor("the first file", func() bool { return h.rowState("one.al3") == uploader.EventDone })
	onUIWait(func() { h.win.mode.SetSelected("Active") })
	// Other content than the first file (the same would be skipped as already sent).
	second := writeFile(t, "two.al3", al3gen.Valid(al3gen.Layout{Separator: ""}))
	h.win.AddPaths([]string{second})
	h.waitFor("the second file", func() bool { return h.rowState("two.al3") == uploader.EventDone })
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.modes) < 2 || h.modes[0] != ftpclient.Passive || h.modes[len(h.modes)-1] != ftpclient.Active {
		t.Errorf("connection modes = %v, want passive first and active after the toggle", h.modes)
	}
}

func TestRowsFollowEvents(t *testing.T) {
	h := newHarness(t)
	h.win.onEvent(uploader.Event{Kind: uploader.EventQueued, Item: "x", Path: "/tmp/x.al3"})
	h.win.onEvent(uploader.Event{Kind: uploader.EventConnecting, Item: "x"})
	h.win.onEvent(uploader.Event{Kind: uploader.EventUploading, Item: "x", Bytes: 250, Total: 1000, Rate: 50})
	r, _ := h.win.model.At(0)
	if r.Progress() != 0.25 || r.StatusText() != "Sending" {
		t.Fatalf("row = %+v", r)
	}
	h.waitFor("the overall bar", func() bool {
		var v float64
		onUIWait(func() { v = h.win.overall.Value })
		return v == 0.25
	})
	h.win.onEvent(uploader.Event{Kind: uploader.EventFailed, Item: "x", Err: "550 denied", Hint: "Ask for write access."})
	r, _ = h.win.model.At(0)
	if r.DetailText() != "Ask for write access. (550 denied)" {
		t.Errorf("failed row detail = %q", r.DetailText())
	}
}

func TestTrayMenuActions(t *testing.T) {
	h := newHarness(t)
	picked := make(chan struct{}, 1)
	h.win.deps.PickFiles = func(done func([]string)) {
		picked <- struct{}{}
		done([]string{writeFile(t, "quick.al3", validAL3(t))})
	}
	h.win.app = &trayApp{App: h.win.app}
	onUIWait(func() { h.win.setupTray(nil) })
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
	if n := len(h.win.tray.recent); n != 1 {
		t.Errorf("recent uploads = %v, want the one file once", h.win.tray.recent)
	}
	onUIWait(items["Pause"].Action)
	if !h.svc.Paused() {
		t.Error("Pause in the tray did not pause")
	}
}

func BenchmarkTenThousandRows(b *testing.B) {
	a := test.NewTempApp(b)
	for range b.N {
		m := newQueueModel()
		for i := range 10000 {
			m.Apply(uploader.Event{Kind: uploader.EventQueued, Item: uploader.ItemID(string(rune('a'+i%26)) + time.Duration(i).String()), Path: "/tmp/f.al3"})
		}
		w := a.NewWindow("bench")
		l := newQueueList(m, rowActions{})
		w.SetContent(l)
		w.Resize(fyne.NewSize(1000, 700))
		l.ScrollToBottom()
		w.Close()
	}
}

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

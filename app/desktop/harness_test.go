package desktop

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/app"
	"exchange/internal/uitest"
	"exchange/profile"
	"exchange/transport"
	"exchange/transport/ftpclient"
	"exchange/ui"
	"exchange/uploader"
)

// journey drives the assembled program (Open, as Run builds it) with Fyne's
// test app, across restarts on one state folder, as a clerk would.
type journey struct {
	t       *testing.T
	state   string
	inbox   string
	keys    profile.Keychain
	fyneApp fyne.App // kept across restarts: its preferences are what a restart keeps
	d       *Desktop

	mu    sync.Mutex
	dials []transport.Config // every connection made, password included
}

// newJourney prepares a journey on a fresh state folder; open starts the program.
func newJourney(t *testing.T, keys profile.Keychain) *journey {
	t.Helper()
	t.Setenv("EXCHANGE_MACHINE_PROFILES", filepath.Join(t.TempDir(), "none.json"))
	t.Setenv("EXCHANGE_AUDIT_DIR", t.TempDir())
	t.Setenv("EXCHANGE_LOG_DIR", t.TempDir())
	j := &journey{t: t, state: t.TempDir(), inbox: t.TempDir(), keys: keys, fyneApp: test.NewTempApp(t)}
	t.Cleanup(func() {
		if j.d != nil {
			j.d.Close()
		}
	})
	return j
}

// open starts the program on the journey's state folder.
func (j *journey) open() {
	j.t.Helper()
	// Run builds the program on the main goroutine before the event loop
	// starts, when nothing else touches widgets: the test driver has no
	// such loop, so the build holds the window's UI lock instead.
	var d *Desktop
	var err error
	ui.DoAndWait(func() {
		d, err = Open(Config{
			Config: app.Config{StateDir: j.state, Keychain: j.keys, Inbox: j.inbox, BuiltInAddr: "127.0.0.1:0"},
			App:    j.fyneApp,
			Dial: func(ctx context.Context, cfg transport.Config) (transport.Session, error) {
				j.mu.Lock()
				j.dials = append(j.dials, cfg)
				j.mu.Unlock()
				return ftpclient.Dial(ctx, cfg)
			},
		})
	})
	if err != nil {
		j.t.Fatal(err)
	}
	j.d = d
}

// restart closes the program (the window goes away, the service stops)
// and opens it again on the same state folder.
func (j *journey) restart() {
	j.t.Helper()
	old := j.d
	j.d = nil
	if err := old.Close(); err != nil {
		j.t.Fatal(err)
	}
	ui.DoAndWait(func() { old.Window.Window().Hide() })
	j.open()
}

func (j *journey) win() fyne.Window { return j.d.Window.Window() }

// drop drops files on the window.
func (j *journey) drop(paths ...string) {
	var uris []fyne.URI
	for _, p := range paths {
		uris = append(uris, storage.NewFileURI(p))
	}
	ui.DoAndWait(func() { j.d.Window.HandleDrop(uris) })
}

// waitFor polls cond until it holds; the deadline is generous for a busy machine.
func (j *journey) waitFor(what string, cond func() bool) {
	j.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			var items []string
			var log string
			if j.d != nil {
				for _, it := range j.d.Service.Items() {
					items = append(items, fmt.Sprintf("%s %s %s %s", filepath.Base(it.Path), it.Profile, it.State, it.Err))
				}
				log = j.d.Log.Text()
			}
			j.t.Fatalf("timed out waiting for %s; the queue:\n%s\nthe log:\n%s", what, strings.Join(items, "\n"), log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitUI polls cond on the UI goroutine.
func (j *journey) waitUI(what string, cond func() bool) {
	j.t.Helper()
	j.waitFor(what, func() bool {
		var ok bool
		ui.DoAndWait(func() { ok = cond() })
		return ok
	})
}

// waitDialog waits for a dialog on top whose text contains want.
func (j *journey) waitDialog(want string) fyne.CanvasObject {
	j.t.Helper()
	var d fyne.CanvasObject
	j.waitUI("a dialog saying "+want, func() bool {
		d = j.win().Canvas().Overlays().Top()
		return d != nil && strings.Contains(strings.ToLower(uitest.TextOf(d)), strings.ToLower(want))
	})
	return d
}

// dialogShown reports whether a dialog saying want is on top now.
func (j *journey) dialogShown(want string) bool {
	var shown bool
	ui.DoAndWait(func() {
		d := j.win().Canvas().Overlays().Top()
		shown = d != nil && strings.Contains(strings.ToLower(uitest.TextOf(d)), strings.ToLower(want))
	})
	return shown
}

// tap taps the visible button labelled text under o.
func (j *journey) tap(o fyne.CanvasObject, text string) {
	j.t.Helper()
	var b *widget.Button
	ui.DoAndWait(func() {
		if bs := uitest.FindAll(o, func(b *widget.Button) bool { return b.Text == text }); len(bs) > 0 {
			b = bs[0]
			test.Tap(b)
		}
	})
	if b == nil {
		j.t.Fatalf("no button %q", text)
	}
}

// answer waits for the dialog saying want and taps its button labelled button.
func (j *journey) answer(want, button string) {
	j.t.Helper()
	j.tap(j.waitDialog(want), button)
}

// tab selects the window's tab called name.
func (j *journey) tab(name string) {
	j.t.Helper()
	ui.DoAndWait(func() {
		for _, tabs := range uitest.FindAll[*container.AppTabs](j.win().Content(), nil) {
			for _, it := range tabs.Items {
				if it.Text == name {
					tabs.Select(it)
					return
				}
			}
		}
		j.t.Errorf("no tab %q", name)
	})
}

// items are the service's items of path, oldest first.
func (j *journey) items(path string) []uploader.ItemInfo {
	var out []uploader.ItemInfo
	for _, it := range j.d.Service.Items() {
		if it.Path == path {
			out = append(out, it)
		}
	}
	return out
}

// lastState is the state of the newest item of path.
func (j *journey) lastState(path string) uploader.EventKind {
	its := j.items(path)
	if len(its) == 0 {
		return ""
	}
	return its[len(its)-1].State
}

// waitState waits for the newest item of path to reach state.
func (j *journey) waitState(path string, state uploader.EventKind) {
	j.t.Helper()
	j.waitFor(filepath.Base(path)+" "+string(state), func() bool { return j.lastState(path) == state })
}

// filesIn counts the files in dir.
func filesIn(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
			n++
		}
	}
	return n
}

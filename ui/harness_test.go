package ui

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"exchange/app"
	"exchange/internal/uitest"
	"exchange/localserver"
	"exchange/profile"
	"exchange/transport"
	"exchange/transport/ftpclient"
	"exchange/uploader"
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
	state string // the state folder: journal and profiles.json
	store *profile.Store

	mu    sync.Mutex
	modes []transport.Mode // the mode of each connection made
}

// harnessConfig is what the options of newHarness change.
type harnessConfig struct {
	keys          profile.Keychain
	askDuplicates bool
	machine       []profile.Profile
}

type harnessOption func(*harnessConfig)

// withKeychain gives the profiles the OS keychain, on go-keyring's
// in-memory mock: passwords can be remembered, and nothing reaches the
// computer's real keychain.
func withKeychain() harnessOption {
	return func(c *harnessConfig) {
		keyring.MockInit()
		c.keys = profile.OSKeychain{}
	}
}

// withMachineProfiles installs machine-wide profiles (the first is the
// default) before the window opens, as an administrator's installer does.
func withMachineProfiles(ps ...profile.Profile) harnessOption {
	return func(c *harnessConfig) { c.machine = ps }
}

// withDuplicateDialog lets the window ask whether to send content that was
// already sent, as the app does (without it such a file is skipped).
func withDuplicateDialog() harnessOption {
	return func(c *harnessConfig) { c.askDuplicates = true }
}

func newHarness(t *testing.T, opts ...harnessOption) *harness {
	t.Helper()
	var cfg harnessConfig
	for _, o := range opts {
		o(&cfg)
	}
	machine := filepath.Join(t.TempDir(), "machine.json")
	t.Setenv("EXCHANGE_MACHINE_PROFILES", machine)
	if len(cfg.machine) > 0 {
		raw, err := json.Marshal(map[string]any{"profiles": cfg.machine})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(machine, raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h := &harness{t: t, inbox: t.TempDir(), state: t.TempDir()}
	srv, err := localserver.Start(localserver.Options{Dir: h.inbox, User: profile.BuiltInUser, Password: profile.BuiltInPassword})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	journal, err := uploader.OpenJournal(h.state)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { journal.Close() })
	h.store, _ = profile.OpenStore(h.state, cfg.keys)
	h.store.SetBuiltIn(profile.BuiltInProfile(srv.Port()))
	var decide func(context.Context, uploader.Duplicate) bool
	if cfg.askDuplicates {
		// h.win is set before any file is added, so before this can run.
		decide = func(ctx context.Context, d uploader.Duplicate) bool { return h.win.asker.DecideDuplicate(ctx, d) }
	}
	h.svc, err = uploader.New(uploader.Options{
		Journal: journal,
		Validate: func(_ context.Context, r io.ReaderAt, path string, size int64, _ profile.Profile) (*validate.Report, error) {
			return validate.Reader(r, path, size, validate.Options{})
		},
		Dial: func(ctx context.Context, cfg transport.Config) (transport.Session, error) {
			h.mu.Lock()
			h.modes = append(h.modes, cfg.Mode)
			h.mu.Unlock()
			return ftpclient.Dial(ctx, cfg)
		},
		DecideDuplicate: decide,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.svc.Close() })
	a := test.NewTempApp(t)
	onUIWait(func() {
		h.win = NewWindow(a, Deps{Backend: h.svc, Profiles: h.store, History: journal.History, Inbox: h.inbox,
			TemplateNames: app.TemplateNames})
	})
	t.Cleanup(h.win.Stop) // first: the window stops before the service and journal close
	return h
}

// waitFor polls cond (off the UI goroutine) until it holds.
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

// waitUI polls cond on the UI goroutine, for conditions on widgets.
func (h *harness) waitUI(what string, cond func() bool) {
	h.t.Helper()
	h.waitFor(what, func() bool {
		var ok bool
		onUIWait(func() { ok = cond() })
		return ok
	})
}

func (h *harness) rowState(name string) uploader.EventKind {
	r, _ := h.row(name)
	return r.State
}

// row is the model's row of the file called name.
func (h *harness) row(name string) (row, bool) {
	for i := 0; i < h.win.model.Len(); i++ {
		if r, _ := h.win.model.At(i); r.Name == name {
			return r, true
		}
	}
	return row{}, false
}

// items are the service's items of path.
func (h *harness) items(path string) []uploader.ItemInfo {
	var out []uploader.ItemInfo
	for _, it := range h.svc.Items() {
		if it.Path == path {
			out = append(out, it)
		}
	}
	return out
}

// dialog is the topmost overlay of the window (a dialog), or nil. Call it on
// the UI goroutine.
func (h *harness) dialog() fyne.CanvasObject {
	return h.win.win.Canvas().Overlays().Top()
}

// waitDialog waits for a dialog whose text contains want and returns it.
func (h *harness) waitDialog(want string) fyne.CanvasObject {
	h.t.Helper()
	var d fyne.CanvasObject
	h.waitUI("a dialog saying "+want, func() bool {
		d = h.dialog()
		return d != nil && strings.Contains(strings.ToLower(uitest.TextOf(d)), strings.ToLower(want))
	})
	return d
}

// tapButton taps the visible button labelled text under o, on the UI goroutine.
func (h *harness) tapButton(o fyne.CanvasObject, text string) {
	h.t.Helper()
	var b *widget.Button
	onUIWait(func() {
		if b = buttonLabelled(o, text); b != nil {
			test.Tap(b)
		}
	})
	if b == nil {
		h.t.Fatalf("no button %q", text)
	}
}

// buttonLabelled is the first visible button labelled text under o, or nil.
func buttonLabelled(o fyne.CanvasObject, text string) *widget.Button {
	if bs := uitest.FindAll(o, func(b *widget.Button) bool { return b.Text == text }); len(bs) > 0 {
		return bs[0]
	}
	return nil
}

// agencyProfile is a user profile of a server that is never reached.
func agencyProfile(name string) profile.Profile {
	return profile.Profile{Name: name, Host: "ftp.agency.example", User: "clerk", RemoteDir: "/incoming", Mode: "passive", TLS: "none"}
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

// brokenAL3 is an AL3 file cut in the middle: invalid, with findings.
func brokenAL3(t *testing.T) []byte {
	t.Helper()
	return []byte("1MHG161   this is not a whole AL3 file")
}

// useAgency saves a user profile with a remembered password and has the
// window send to it.
func (h *harness) useAgency() profile.Profile {
	h.t.Helper()
	p := agencyProfile("Agency")
	p.TLS = "explicit"
	h.savePassword(p, "pw")
	onUIWait(func() {
		h.win.reloadProfiles()
		h.win.profiles.SetSelected(p.Name)
	})
	if h.win.CurrentProfile().Name != p.Name {
		h.t.Fatalf("the window sends to %q", h.win.CurrentProfile().Name)
	}
	return p
}

// savePassword saves the user profile p and remembers its password.
func (h *harness) savePassword(p profile.Profile, password string) {
	h.t.Helper()
	if err := h.store.Save(p); err != nil {
		h.t.Fatal(err)
	}
	if err := h.store.SetPassword(p, password); err != nil {
		h.t.Fatal(err)
	}
}

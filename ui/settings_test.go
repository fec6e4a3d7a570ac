package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/diagnose"
	"exchange/internal/uitest"
	"exchange/profile"
)

// settings opens a settings view of the window in a window of its own (its
// dialogs open over the main window, as in the app).
func (h *harness) settings() *settingsView {
	var s *settingsView
	onUIWait(func() {
		s = newSettingsView(h.win)
		w := test.NewTempWindow(h.t, s.content)
		w.Resize(fyne.NewSize(1000, 700))
	})
	return s
}

// pick selects the profile called name in the editor's list.
func (s *settingsView) pick(t *testing.T, name string) {
	t.Helper()
	onUIWait(func() {
		for i, p := range s.all {
			if p.Name == name {
				s.names.Select(i)
				return
			}
		}
		t.Fatalf("the editor does not list %q", name)
	})
}

// fill types a profile into the form, as a person does.
func (s *settingsView) fill(p profile.Profile, password string) {
	onUIWait(func() {
		fields := []struct {
			entry *widget.Entry
			text  string
		}{{s.name, p.Name}, {s.host, p.Host}, {s.user, p.User}, {s.dir, p.RemoteDir}, {s.password, password}}
		for _, f := range fields {
			f.entry.SetText("")
			test.Type(f.entry, f.text)
		}
		s.port.SetText("")
		if p.Port != 0 {
			test.Type(s.port, strconv.Itoa(p.Port))
		}
		s.mode.SetSelected(string(p.Mode))
		s.tls.SetSelected(string(p.TLS))
		s.connections.SetSelected(strconv.Itoa(p.Connections))
		s.rejectWarnings.SetChecked(p.RejectWarnings)
	})
}

// assertNoFileHas fails when any file under dir contains secret.
func assertNoFileHas(t *testing.T, dir, secret string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("%s holds the password", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSettingsSaveKeepsTheProfileInTheFileAndThePasswordInTheKeychain(t *testing.T) {
	h := newHarness(t, withKeychain())
	s := h.settings()
	h.tapButton(s.content, "New server")
	onUIWait(func() {
		if s.name.Text != "" || s.password.Text != "" || s.save.Disabled() {
			t.Errorf("New server: name %q, password %q, save disabled %v", s.name.Text, s.password.Text, s.save.Disabled())
		}
	})
	want := profile.Profile{Name: "Agency", Host: "ftp.agency.example", Port: 2121, User: "clerk", RemoteDir: "/incoming",
		Mode: "active", TLS: "none", Connections: 3, RejectWarnings: true}
	const secret = "correct-horse-battery"
	s.fill(want, secret)
	onUIWait(func() { test.Tap(s.save) })

	got, err := h.store.Get(want.Name)
	if err != nil {
		t.Fatalf("the profile was not saved: %v", err)
	}
	got.Exists, got.Duplicates = "", "" // the form's defaults, not typed here
	if got != want {
		t.Errorf("saved %+v\nwant  %+v", got, want)
	}
	if pw, err := h.store.Password(got); err != nil || pw != secret {
		t.Errorf("keychain has %q (%v), want the password typed", pw, err)
	}
	raw, err := os.ReadFile(filepath.Join(h.state, profile.FileName))
	if err != nil {
		t.Fatal(err)
	}
	var onDisk struct{ Profiles []map[string]any }
	if err := json.Unmarshal(raw, &onDisk); err != nil || len(onDisk.Profiles) != 1 || onDisk.Profiles[0]["name"] != want.Name {
		t.Errorf("profiles file: %v\n%s", err, raw)
	}
	for _, p := range onDisk.Profiles {
		for k := range p {
			if strings.Contains(strings.ToLower(k), "pass") {
				t.Errorf("the profiles file has a field %q", k)
			}
		}
	}
	assertNoFileHas(t, h.state, secret)
	onUIWait(func() {
		if !strings.Contains(s.note.Text, want.Name) {
			t.Errorf("note after save: %q", s.note.Text)
		}
		if !slices.Contains(h.win.profiles.Options, want.Name) {
			t.Errorf("the window's server list %v lacks the saved profile", h.win.profiles.Options)
		}
	})

	// Opened again, the profile comes back without its password on screen.
	again := h.settings()
	again.pick(t, want.Name)
	onUIWait(func() {
		if again.host.Text != want.Host || again.port.Text != strconv.Itoa(want.Port) || again.mode.Selected != string(want.Mode) || !again.rejectWarnings.Checked {
			t.Errorf("the editor shows %q %q %q %v", again.host.Text, again.port.Text, again.mode.Selected, again.rejectWarnings.Checked)
		}
		if again.password.Text != "" || !strings.Contains(again.password.PlaceHolder, "keychain") {
			t.Errorf("password field %q, placeholder %q: want empty, saying the keychain has it", again.password.Text, again.password.PlaceHolder)
		}
	})
}

func TestSettingsRefusesWhatItCannotSave(t *testing.T) {
	h := newHarness(t, withKeychain())
	s := h.settings()
	// The built-in server comes first and cannot be changed.
	onUIWait(func() {
		if !s.editing.BuiltIn || !s.save.Disabled() || !s.remove.Disabled() || !strings.Contains(s.note.Text, h.inbox) {
			t.Errorf("built-in profile: editing %+v, save disabled %v, delete disabled %v, note %q",
				s.editing, s.save.Disabled(), s.remove.Disabled(), s.note.Text)
		}
	})

	h.tapButton(s.content, "New server")
	bad := agencyProfile("Bad")
	s.fill(bad, "pw")
	onUIWait(func() {
		s.port.SetText("")
		test.Type(s.port, "twenty-one")
		test.Tap(s.save)
	})
	d := h.waitDialog("twenty-one")
	if _, err := h.store.Get(bad.Name); !errors.Is(err, profile.ErrNotFound) {
		t.Errorf("a profile with a wrong port was saved (%v)", err)
	}
	if _, err := h.store.Password(bad); !errors.Is(err, profile.ErrNoPassword) {
		t.Errorf("the password of a profile not saved was kept (%v)", err)
	}
	h.tapButton(d, "OK")

	onUIWait(func() {
		s.port.SetText("")
		s.host.SetText("ftp://ftp.agency.example")
		test.Tap(s.save)
	})
	h.waitDialog("not a server address")
	if _, err := h.store.Get(bad.Name); !errors.Is(err, profile.ErrNotFound) {
		t.Errorf("a profile with a URL for a host was saved (%v)", err)
	}
}

func TestSettingsDeleteRemovesTheProfileAndItsPassword(t *testing.T) {
	h := newHarness(t, withKeychain())
	p := agencyProfile("Agency")
	h.savePassword(p, "pw")
	s := h.settings()
	s.pick(t, p.Name)

	onUIWait(func() { test.Tap(s.remove) })
	h.tapButton(h.waitDialog(p.Name), "No")
	if _, err := h.store.Get(p.Name); err != nil {
		t.Fatalf("No deleted the profile: %v", err)
	}

	onUIWait(func() { test.Tap(s.remove) })
	h.tapButton(h.waitDialog(p.Name), "Yes")
	if _, err := h.store.Get(p.Name); !errors.Is(err, profile.ErrNotFound) {
		t.Errorf("the profile is still there (%v)", err)
	}
	if _, err := h.store.Password(p); !errors.Is(err, profile.ErrNoPassword) {
		t.Errorf("its password is still in the keychain (%v)", err)
	}
	onUIWait(func() {
		if slices.Contains(h.win.profiles.Options, p.Name) {
			t.Errorf("the window still offers %q", p.Name)
		}
		for _, q := range s.all {
			if q.Name == p.Name {
				t.Errorf("the editor still lists %q", p.Name)
			}
		}
	})
}

func TestSettingsUseByDefault(t *testing.T) {
	h := newHarness(t, withKeychain())
	p := agencyProfile("Agency")
	h.savePassword(p, "pw")
	onUIWait(h.win.reloadProfiles) // as when the profile was there at start
	s := h.settings()
	s.pick(t, p.Name)
	onUIWait(func() { test.Tap(s.makeDefault) })
	if d, err := h.store.Default(); err != nil || d.Name != p.Name {
		t.Errorf("default = %q (%v), want %q", d.Name, err, p.Name)
	}
	if got := h.win.CurrentProfile(); got.Name != p.Name || got.Host != p.Host {
		t.Errorf("the window sends to %q at %q, want the new default", got.Name, got.Host)
	}
}

// TestSettingsSaveAppliesToTheProfileInUse: saving the profile the window
// sends to changes where the next files go, without choosing it again.
func TestSettingsSaveAppliesToTheProfileInUse(t *testing.T) {
	h := newHarness(t, withKeychain())
	p := agencyProfile("Agency")
	h.savePassword(p, "old-pw")
	onUIWait(func() {
		h.win.reloadProfiles()
		h.win.profiles.SetSelected(p.Name)
	})
	s := h.settings()
	s.pick(t, p.Name)
	changed := p
	changed.Host, changed.Mode = "ftp2.agency.example", "active"
	s.fill(changed, "new-pw")
	onUIWait(func() { test.Tap(s.save) })
	got := h.win.CurrentProfile()
	if got.Host != changed.Host || got.Mode != changed.Mode {
		t.Errorf("the window still sends to %s in %s mode, want %s in %s mode", got.Host, got.Mode, changed.Host, changed.Mode)
	}
	h.win.mu.Lock()
	pw := h.win.password
	h.win.mu.Unlock()
	if pw != "new-pw" {
		t.Errorf("the window still uses the old password")
	}
	onUIWait(func() {
		if h.win.mode.Selected != "Active" {
			t.Errorf("the window's mode shows %q", h.win.mode.Selected)
		}
	})
}

// TestSettingsTestConnectionShowsEachStep runs the real diagnosis against
// the built-in server: the dialog shows every step and the verdict.
func TestSettingsTestConnectionShowsEachStep(t *testing.T) {
	h := newHarness(t, withKeychain())
	var (
		mu  sync.Mutex
		res *diagnose.Result
	)
	h.win.deps.Diagnose = func(ctx context.Context, p profile.Profile, pw string, progress func(diagnose.Step)) diagnose.Result {
		r := diagnose.Run(ctx, p, pw, diagnose.Options{Progress: progress})
		mu.Lock()
		res = &r
		mu.Unlock()
		return r
	}
	s := h.settings()
	var name string
	onUIWait(func() {
		name = s.editing.Name
		test.Tap(buttonLabelled(s.content, "Test connection"))
	})
	h.waitFor("the diagnosis", func() bool { mu.Lock(); defer mu.Unlock(); return res != nil })
	mu.Lock()
	r := *res
	mu.Unlock()
	if len(r.Steps) == 0 || r.Verdict == "" {
		t.Fatalf("diagnosis without steps or verdict: %+v", r)
	}
	d := h.waitDialog(r.Verdict)
	var text string
	onUIWait(func() { text = uitest.TextOf(d) })
	if !strings.Contains(text, "Test connection: "+name) {
		t.Errorf("dialog title is not about %q:\n%s", name, text)
	}
	words := map[diagnose.Status]string{diagnose.OK: "OK", diagnose.Failed: "FAILED", diagnose.Skipped: "skipped"}
	for _, st := range r.Steps {
		if !strings.Contains(text, st.Name+": "+words[st.Status]) || !strings.Contains(text, st.Detail) {
			t.Errorf("the dialog lacks step %q, %s (%s):\n%s", st.Name, words[st.Status], st.Detail, text)
		}
	}
	h.tapButton(d, "Close")
}

// TestSettingsDeletingTheProfileInUseSwitchesToTheDefault: nothing more goes
// to a server the user removed.
func TestSettingsDeletingTheProfileInUseSwitchesToTheDefault(t *testing.T) {
	h := newHarness(t, withKeychain())
	p := h.useAgency()
	s := h.settings()
	s.pick(t, p.Name)
	onUIWait(func() { test.Tap(s.remove) })
	h.tapButton(h.waitDialog(p.Name), "Yes")
	def, err := h.store.Default()
	if err != nil {
		t.Fatal(err)
	}
	h.waitFor("the window to leave the deleted profile", func() bool { return h.win.CurrentProfile().Name == def.Name })
	onUIWait(func() {
		if h.win.profiles.Selected != def.Name {
			t.Errorf("the selector shows %q, want the default %q", h.win.profiles.Selected, def.Name)
		}
	})
}

// TestSettingsRenameMovesThePassword: renaming a server in the editor leaves
// one profile under the new name, with its remembered password, and the
// window sending to it goes on with the new name.
func TestSettingsRenameMovesThePassword(t *testing.T) {
	h := newHarness(t, withKeychain())
	p := h.useAgency() // its password is "pw"
	s := h.settings()
	s.pick(t, p.Name)
	renamed := p
	renamed.Name = "Agency main office"
	s.fill(renamed, "") // no new password typed
	onUIWait(func() { test.Tap(s.save) })

	if _, err := h.store.Get(p.Name); !errors.Is(err, profile.ErrNotFound) {
		t.Errorf("the old name is still a profile (%v)", err)
	}
	if pw, err := h.store.Password(renamed); err != nil || pw != "pw" {
		t.Errorf("password under the new name = %q, %v", pw, err)
	}
	h.waitFor("the window to follow the rename", func() bool { return h.win.CurrentProfile().Name == renamed.Name })
}

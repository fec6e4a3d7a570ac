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
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/diagnose"
	"exchange/internal/uitest"
	"exchange/profile"
	"exchange/transport"
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
		s.mode.setValue(string(p.Mode))
		s.tls.setValue(string(p.TLS))
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
		if again.host.Text != want.Host || again.port.Text != strconv.Itoa(want.Port) || again.mode.value() != string(want.Mode) || !again.rejectWarnings.Checked {
			t.Errorf("the editor shows %q %q %q %v", again.host.Text, again.port.Text, again.mode.value(), again.rejectWarnings.Checked)
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

	// An address Exchange cannot split into the form's fields (ftp://,
	// ftpes://, ftps:// and sftp:// it can) is still refused.
	onUIWait(func() {
		s.port.SetText("")
		s.host.SetText("http://ftp.agency.example")
		test.Tap(s.save)
	})
	h.waitDialog("use ftp://, ftpes://")
	if _, err := h.store.Get(bad.Name); !errors.Is(err, profile.ErrNotFound) {
		t.Errorf("a profile with an http:// URL for a host was saved (%v)", err)
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
	onUIWait(func() {
		text = uitest.TextOf(d)
		// The verdict is above every step, in bold.
		y := func(o fyne.CanvasObject) float32 { return offsetIn(d, o).Y }
		verdicts := uitest.FindAll(d, func(l *widget.Label) bool { return l.Text == r.Verdict })
		if len(verdicts) != 1 || !verdicts[0].TextStyle.Bold {
			t.Fatalf("the verdict is not shown once in bold: %d", len(verdicts))
		}
		for _, st := range r.Steps {
			for _, l := range uitest.FindAll(d, func(l *widget.Label) bool { return l.Text == st.Name }) {
				if y(l) <= y(verdicts[0]) {
					t.Errorf("step %q is above the verdict (%v, %v)", st.Name, y(l), y(verdicts[0]))
				}
			}
		}
	})
	if !strings.Contains(text, "Test connection: "+name) {
		t.Errorf("dialog title is not about %q:\n%s", name, text)
	}
	for _, st := range r.Steps {
		if !strings.Contains(text, st.Name) || !strings.Contains(text, st.Detail) {
			t.Errorf("the dialog lacks step %q (%s):\n%s", st.Name, st.Detail, text)
		}
		if st.Status == diagnose.OK && !strings.Contains(text, stepTime(st.Duration)) {
			t.Errorf("the dialog does not say how long %q took (%s):\n%s", st.Name, stepTime(st.Duration), text)
		}
	}
	h.tapButton(d, "Copy report")
	if clip := fyne.CurrentApp().Clipboard().Content(); !strings.Contains(clip, r.Verdict) || !strings.Contains(clip, r.Steps[0].Name) {
		t.Errorf("Copy report copied:\n%s", clip)
	}
	h.tapButton(d, "Close")
}

// TestTestConnectionOffersWhatTheVerdictCallsFor: a certificate this
// computer does not trust gets "Trust this certificate" (which pins it in
// the saved profile) and a selectable fingerprint; a server that works
// only in active mode gets "Switch to active mode" (which saves it).
func TestTestConnectionOffersWhatTheVerdictCallsFor(t *testing.T) {
	h := newHarness(t, withKeychain())
	p := agencyProfile("Agency")
	p.TLS = "explicit"
	h.savePassword(p, "pw")
	fp := strings.TrimSuffix(strings.Repeat("AB:", 32), ":")
	var result diagnose.Result
	h.win.deps.Diagnose = func(ctx context.Context, _ profile.Profile, _ string, progress func(diagnose.Step)) diagnose.Result {
		for _, st := range result.Steps {
			progress(st)
		}
		return result
	}
	s := h.settings()
	onUIWait(func() { s.reload() })
	s.pick(t, p.Name)

	// The window goes by the result's UntrustedCertificate, not by the
	// verdict's words (which a translation changes).
	result = diagnose.Result{
		Steps: []diagnose.Step{{Name: "TLS and certificate", Status: diagnose.Failed, Duration: 30 * time.Millisecond, Detail: "TLS 1.3; certificate not trusted"},
			{Name: "Log in", Status: diagnose.Skipped}},
		Verdict:              "El certificado del servidor no es de confianza. Su huella SHA-256 es " + fp + ".",
		Certificate:          &transport.CertInfo{Subject: "CN=ftp.agency.example", Issuer: "CN=ftp.agency.example", SHA256: fp},
		UntrustedCertificate: fp,
	}
	h.tapButton(s.content, "Test connection")
	d := h.waitDialog("SHA-256 fingerprint:") // shown with the verdict, after the steps
	onUIWait(func() {
		if len(uitest.FindAll(d, func(l *widget.Label) bool { return l.Selectable && strings.Contains(l.Text, fp) })) == 0 {
			t.Error("the fingerprint cannot be selected")
		}
	})
	h.tapButton(d, "Trust this certificate")
	if got, _ := h.store.Get(p.Name); !strings.EqualFold(got.PinnedSHA256, fp) {
		t.Errorf("after Trust the profile pins %q, want %q", got.PinnedSHA256, fp)
	}
	h.waitDialog("Trusted")
	h.tapButton(d, "Close")

	result = diagnose.Result{
		Steps:       []diagnose.Step{{Name: "Passive data connection", Status: diagnose.Failed, Duration: time.Second, Detail: "timeout"}},
		Recommended: "active", ActiveOK: true,
		Verdict: "Active mode works; passive mode does not. Switch the profile to Active.",
	}
	h.tapButton(s.content, "Test connection")
	d = h.waitDialog("Active mode works")
	h.tapButton(d, "Switch to active mode")
	if got, _ := h.store.Get(p.Name); got.Mode != "active" {
		t.Errorf("after Switch the profile's mode is %q", got.Mode)
	}
	h.tapButton(d, "Close")

	// FTP's data connections blocked in both modes, and SSH answering:
	// SFTP is offered, chosen in the form, not saved behind the clerk's back.
	result = diagnose.Result{
		Steps:      []diagnose.Step{{Name: "Passive data connection", Status: diagnose.Failed, Duration: time.Second, Detail: "timeout"}},
		SSHOffered: true,
		Verdict:    "No data connection works, in either mode.",
	}
	h.tapButton(s.content, "Test connection")
	d = h.waitDialog("No data connection works")
	h.tapButton(d, "Use SFTP instead")
	onUIWait(func() {
		if s.proto.protocol.Selected != protoSFTP {
			t.Errorf("after Use SFTP the form's protocol is %q", s.proto.protocol.Selected)
		}
	})
	if got, _ := h.store.Get(p.Name); got.IsSFTP() {
		t.Error("Use SFTP saved the profile before the clerk checked the login")
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

// TestSettingsSpeakPlainWords: no selector shows a stored identifier, no
// placeholder looks like a value, each choice keeps its value, and the form
// fits the default window without scrolling.
func TestSettingsSpeakPlainWords(t *testing.T) {
	h := newHarness(t, withKeychain())
	s := h.settings()
	h.tapButton(s.content, "New server")
	raw := []string{"passive", "active", "none", "explicit", "implicit", "keep-both", "overwrite", "skip", "ask", "send"}
	onUIWait(func() {
		for _, sel := range uitest.FindAll[*widget.Select](s.content, nil) {
			for _, o := range sel.Options {
				if slices.Contains(raw, o) {
					t.Errorf("a selector offers the identifier %q", o)
				}
			}
		}
		for _, e := range uitest.FindAll[*widget.Entry](s.content, nil) {
			if ph := e.PlaceHolder; ph != "" && !strings.Contains(ph, " ") {
				t.Errorf("the placeholder %q looks like a value", ph)
			}
		}
		if !strings.HasPrefix(s.mode.Selected, "Passive (works behind most firewalls)") || s.exists.Selected != "Keep both: name (2).ext" {
			t.Errorf("a new server shows mode %q, if the name exists %q", s.mode.Selected, s.exists.Selected)
		}
		for _, c := range [][]choice{modeChoices(), tlsChoices(), existsChoices(), duplicateChoices()} {
			sel := newChoiceSelect(c)
			for _, ch := range c {
				sel.setValue(ch.value)
				if sel.value() != ch.value || sel.Selected != ch.label {
					t.Errorf("%q shows %q and gives back %q", ch.value, sel.Selected, sel.value())
				}
			}
		}
	})
	onUIWait(func() {
		tabs := uitest.FindAll[*container.AppTabs](h.win.win.Content(), nil)[0]
		tabs.SelectIndex(3)
		h.win.win.Resize(fyne.NewSize(1040, 640))
		scrolls := uitest.FindAll[*container.Scroll](h.win.settings.content, nil)
		if len(scrolls) == 0 {
			t.Fatal("the Settings tab is not shown")
		}
		for _, sc := range scrolls {
			if sc.Content.MinSize().Height > sc.Size().Height {
				t.Errorf("the form needs %v px of height, the Settings tab has %v in the default window", sc.Content.MinSize().Height, sc.Size().Height)
			}
		}
	})
}

// offsetIn is where target is drawn inside root (containers and widgets
// walked through their renderers), or -1, -1 when it is not under root.
func offsetIn(root, target fyne.CanvasObject) fyne.Position {
	if root == target {
		return fyne.NewPos(0, 0)
	}
	var children []fyne.CanvasObject
	switch x := root.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		if p := offsetIn(c, target); p.X >= 0 {
			return p.Add(c.Position())
		}
	}
	return fyne.NewPos(-1, -1)
}

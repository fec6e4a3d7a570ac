package ui

import (
	"errors"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/profile"
	_ "exchange/transport/proxy" // reads proxy settings, as in the program (app/protocols.go)
)

// The Proxy row: a proxy typed there is saved with the profile and shown
// again; one holding a password is refused (it would land in the file);
// the built-in server has none.
func TestSettingsProxyIsSavedWithTheProfile(t *testing.T) {
	h := newHarness(t, withKeychain())
	s := h.settings()
	onUIWait(func() {
		if !s.editing.BuiltIn || !s.proxy.entry.Disabled() {
			t.Errorf("the built-in server's proxy is editable (editing %q)", s.editing.Name)
		}
	})
	h.tapButton(s.content, "New server")
	p := agencyProfile("Behind the proxy")
	s.fill(p, "pw")
	onUIWait(func() {
		if s.proxy.entry.Disabled() || s.proxy.item.HintText != "" || s.proxy.entry.PlaceHolder != proxyPlaceholder() {
			t.Errorf("a new server's proxy: disabled %v, hint %q", s.proxy.entry.Disabled(), s.proxy.item.HintText)
		}
		test.Type(s.proxy.entry, "socks5://officeproxy:secret@10.0.0.8:1080")
		test.Tap(s.save)
	})
	d := h.waitDialog("EXCHANGE_PROXY_PASSWORD")
	if _, err := h.store.Get(p.Name); !errors.Is(err, profile.ErrNotFound) {
		t.Errorf("a profile with a proxy password was saved (%v)", err)
	}
	h.tapButton(d, "OK")

	const proxy = "socks5://officeproxy@10.0.0.8:1080"
	onUIWait(func() {
		s.proxy.entry.SetText("")
		test.Type(s.proxy.entry, " "+proxy+" ")
		test.Tap(s.save)
	})
	h.waitUI("the profile saved", func() bool { _, err := h.store.Get(p.Name); return err == nil })
	if got, _ := h.store.Get(p.Name); got.Proxy != proxy {
		t.Errorf("saved proxy %q, want %q", got.Proxy, proxy)
	}
	again := h.settings()
	again.pick(t, p.Name)
	onUIWait(func() {
		if again.proxy.entry.Text != proxy {
			t.Errorf("the editor shows the proxy %q, want %q", again.proxy.entry.Text, proxy)
		}
	})
}

// When the administrator locked the list of profiles, the proxy cannot be
// changed either, and the row says who set it.
func TestSettingsProxyLockedByTheAdministrator(t *testing.T) {
	h := newHarness(t, withKeychain())
	p := agencyProfile("Agency")
	p.Proxy = "http://proxy.agency.example:3128"
	if err := h.store.Save(p); err != nil {
		t.Fatal(err)
	}
	machine := os.Getenv("EXCHANGE_MACHINE_PROFILES")
	if err := os.WriteFile(machine, []byte(`{"policies":{"lock_profiles":true}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s := h.settings()
	onUIWait(func() {
		s.load(p)
		if !s.proxy.entry.Disabled() || s.proxy.entry.Text != p.Proxy || !strings.Contains(s.proxy.item.HintText, profile.SetByAdministrator) {
			t.Errorf("a locked proxy: disabled %v, text %q, hint %q", s.proxy.entry.Disabled(), s.proxy.entry.Text, s.proxy.item.HintText)
		}
		system := agencyProfile("System proxy") // an empty proxy says it in its placeholder
		s.load(system)
		if !s.proxy.entry.Disabled() || !strings.Contains(s.proxy.entry.PlaceHolder, profile.SetByAdministrator) {
			t.Errorf("a locked empty proxy: disabled %v, placeholder %q", s.proxy.entry.Disabled(), s.proxy.entry.PlaceHolder)
		}
	})
	if err := os.WriteFile(machine, []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	onUIWait(func() {
		s.load(p)
		if s.proxy.entry.Disabled() || s.proxy.item.HintText != "" || s.proxy.entry.PlaceHolder != proxyPlaceholder() {
			t.Errorf("without the policy the proxy stays locked: hint %q", s.proxy.item.HintText)
		}
	})
}

// The two columns of the editor, with the Proxy row and TLS 1.2 beside the
// protocol, fit the default window's width too (TestSettingsSpeakPlainWords
// checks the height).
func TestSettingsFormFitsTheDefaultWidth(t *testing.T) {
	h := newHarness(t, withKeychain())
	onUIWait(func() {
		tabs := uitest.FindAll[*container.AppTabs](h.win.win.Content(), nil)[0]
		tabs.SelectIndex(3)
		h.win.win.Resize(fyne.NewSize(1040, 640))
		for _, sc := range uitest.FindAll[*container.Scroll](h.win.settings.content, nil) {
			if len(uitest.FindAll[*widget.Entry](sc.Content, func(e *widget.Entry) bool { return e == h.win.settings.proxy.entry })) == 0 {
				continue // the list of servers
			}
			t.Logf("the form needs %v px of width, has %v", sc.Content.MinSize().Width, sc.Size().Width)
			if sc.Content.MinSize().Width > sc.Size().Width {
				t.Errorf("the form needs %v px of width, the Settings tab has %v in the default window", sc.Content.MinSize().Width, sc.Size().Width)
			}
		}
	})
}

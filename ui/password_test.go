package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/diagnose"
	"exchange/internal/uitest"
	"exchange/profile"
)

// withKeys gives the profiles the keychain k.
func withKeys(k profile.Keychain) harnessOption {
	return func(c *harnessConfig) { c.keys = k }
}

// noSecretService fails as go-keyring does on a Linux PC without a D-Bus
// secret service.
type noSecretService struct{}

var errNoSecretService = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default': The name org.freedesktop.secrets was not provided by any .service files")

func (noSecretService) Get(string, string) (string, error) { return "", errNoSecretService }
func (noSecretService) Set(string, string, string) error   { return errNoSecretService }
func (noSecretService) Delete(string, string) error        { return errNoSecretService }

// TestTestConnectionAsksThePasswordItDoesNotKnow: without a keychain, Test
// connection asks for the password instead of sending none, and the form
// says so in plain words, not with the D-Bus error (issue 14 item 5).
func TestTestConnectionAsksThePasswordItDoesNotKnow(t *testing.T) {
	h := newHarness(t, withKeys(noSecretService{}))
	p := agencyProfile("Agency")
	if err := h.store.Save(p); err != nil {
		t.Fatal(err)
	}
	var (
		mu   sync.Mutex
		sent *string
	)
	h.win.deps.Diagnose = func(_ context.Context, _ profile.Profile, pw string, _ func(diagnose.Step)) diagnose.Result {
		mu.Lock()
		sent = &pw
		mu.Unlock()
		return diagnose.Result{Verdict: "tested"}
	}
	s := h.settings()
	onUIWait(func() { s.reload() })
	s.pick(t, p.Name)
	var hint string
	onUIWait(func() { hint = s.password.PlaceHolder })
	if strings.Contains(hint, "freedesktop") || !strings.Contains(hint, "no keychain") {
		t.Errorf("the password field says %q: want plain words about the missing keychain", hint)
	}
	onUIWait(func() { test.Tap(buttonLabelled(s.content, "Test connection")) })
	d := h.waitDialog("Password for")
	var text string
	onUIWait(func() {
		text = uitest.TextOf(d)
		for _, e := range uitest.FindAll(d, func(e *widget.Entry) bool { return e.Password }) {
			test.Type(e, "typed")
		}
	})
	if strings.Contains(text, "freedesktop") || !strings.Contains(text, "keychain is not available") {
		t.Errorf("the password dialog says:\n%s\nwant plain words about the missing keychain", text)
	}
	mu.Lock()
	if sent != nil {
		t.Errorf("the test ran with %q before the password was given", *sent)
	}
	mu.Unlock()
	h.tapButton(d, "Connect")
	h.waitFor("the test to run", func() bool { mu.Lock(); defer mu.Unlock(); return sent != nil })
	mu.Lock()
	defer mu.Unlock()
	if *sent != "typed" {
		t.Errorf("the test connection sent %q, want the password typed", *sent)
	}
}

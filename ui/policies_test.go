package ui

import (
	"os"
	"strings"
	"testing"
)

// Settings the administrator's policies fix are locked in the editor, and
// it says who set them.
func TestSettingsShowWhatTheAdministratorSet(t *testing.T) {
	h := newHarness(t, withKeychain())
	p := agencyProfile("Agency")
	if err := h.store.Save(p); err != nil {
		t.Fatal(err)
	}
	policies := `{"policies":{"forbid_overwrite":true,"duplicates":"skip","reject_warnings":true,"lock_profiles":true,"forbid_saved_passwords":true}}`
	if err := os.WriteFile(os.Getenv("EXCHANGE_MACHINE_PROFILES"), []byte(policies), 0o644); err != nil {
		t.Fatal(err)
	}
	s := h.settings()
	onUIWait(func() {
		s.load(p)
		if !s.exists.Disabled() || !s.duplicates.Disabled() || !s.rejectWarnings.Disabled() || !s.save.Disabled() || !s.remove.Disabled() {
			t.Errorf("policy-fixed settings are editable: exists %v, duplicates %v, warnings %v, save %v, delete %v",
				s.exists.Disabled(), s.duplicates.Disabled(), s.rejectWarnings.Disabled(), s.save.Disabled(), s.remove.Disabled())
		}
		if s.duplicates.value() != "skip" || !s.rejectWarnings.Checked {
			t.Errorf("the form does not show the enforced values: duplicates %q, warnings %v", s.duplicates.Selected, s.rejectWarnings.Checked)
		}
		if !strings.Contains(s.note.Text, "Set by your administrator") || !strings.Contains(s.password.PlaceHolder, "set by your administrator") {
			t.Errorf("note %q, password placeholder %q", s.note.Text, s.password.PlaceHolder)
		}
	})
	if err := os.WriteFile(os.Getenv("EXCHANGE_MACHINE_PROFILES"), []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	onUIWait(func() {
		s.load(p)
		if s.exists.Disabled() || s.duplicates.Disabled() || s.save.Disabled() || strings.Contains(s.note.Text, "administrator") {
			t.Errorf("without policies the editor stays locked: note %q", s.note.Text)
		}
	})
}

package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"

	"exchange/profile"
)

// showPolicies locks, in the profile editor, what the administrator's
// policies fix (profile.Policies), and says so: "set by your administrator".
// The form already shows the enforced values (WithDefaults applies them).
func (s *settingsView) showPolicies(p profile.Profile) {
	pol, err := profile.MachinePolicies()
	if err != nil {
		s.note.SetText(strings.TrimSpace(s.note.Text + " " + err.Error()))
		return
	}
	var fixed []string
	lock := func(w fyne.Disableable, on bool, what string) {
		if on {
			w.Disable()
			fixed = append(fixed, what)
		} else {
			w.Enable()
		}
	}
	lock(s.exists, pol.ForbidOverwrite, "overwriting")
	lock(s.duplicates, pol.Duplicates != "", "already sent content")
	if pol.RejectWarnings {
		s.rejectWarnings.SetChecked(true)
	}
	lock(s.rejectWarnings, pol.RejectWarnings, "files with warnings")
	if pol.LockProfiles && !p.BuiltIn {
		s.save.Disable()
		s.remove.Disable()
		s.proxy.lock()
		fixed = append(fixed, "the list of servers")
	}
	if pol.RequireSecure {
		fixed = append(fixed, "encryption (TLS required)")
	}
	if pol.ForbidSavedPasswords {
		s.password.SetPlaceHolder("asked each time (" + profile.SetByAdministrator + ")")
		fixed = append(fixed, "saved passwords")
	}
	if len(fixed) > 0 {
		line := "Set by your administrator: " + strings.Join(fixed, ", ") + "."
		s.note.SetText(strings.TrimSpace(s.note.Text + "\n" + line))
	}
}

// passwordsNotKeptNote is the password dialog's note when the administrator
// forbids saving passwords, "" otherwise.
func passwordsNotKeptNote() string {
	if pol, err := profile.MachinePolicies(); err == nil && pol.ForbidSavedPasswords {
		return "Your administrator does not allow saving passwords: Exchange asks for it at each start."
	}
	return ""
}

// notRememberedText says why a password typed in the editor was not kept.
func notRememberedText(err error) string {
	if errors.Is(err, profile.ErrPasswordsNotKept) {
		return "Your administrator does not allow saving passwords, so Exchange keeps this password only until it closes, and asks for it at each start."
	}
	return "The system keychain is not available on this computer, so Exchange keeps this password only until it closes, and asks for it at each start."
}

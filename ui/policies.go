package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

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
	lock(s.exists, pol.ForbidOverwrite, lang.L("overwriting"))
	lock(s.duplicates, pol.Duplicates != "", lang.L("already sent content"))
	if pol.RejectWarnings {
		s.rejectWarnings.SetChecked(true)
	}
	lock(s.rejectWarnings, pol.RejectWarnings, lang.L("files with warnings"))
	if pol.LockProfiles && !p.BuiltIn {
		s.save.Disable()
		s.remove.Disable()
		s.proxy.lock()
		fixed = append(fixed, lang.L("the list of servers"))
	}
	if pol.RequireSecure {
		fixed = append(fixed, lang.L("encryption (TLS required)"))
	}
	if pol.ForbidSavedPasswords {
		s.password.SetPlaceHolder(lang.L("asked each time") + " (" + setByAdministrator() + ")")
		fixed = append(fixed, lang.L("saved passwords"))
	}
	if len(fixed) > 0 {
		line := fmt.Sprintf(lang.L("Set by your administrator: %s."), strings.Join(fixed, ", "))
		s.note.SetText(strings.TrimSpace(s.note.Text + "\n" + line))
	}
}

// passwordsNotKeptNote is the password dialog's note when the administrator
// forbids saving passwords, "" otherwise.
func passwordsNotKeptNote() string {
	if pol, err := profile.MachinePolicies(); err == nil && pol.ForbidSavedPasswords {
		return lang.L("Your administrator does not allow saving passwords: Exchange asks for it at each start.")
	}
	return ""
}

// notRememberedText says why a password typed in the editor was not kept.
func notRememberedText(err error) string {
	if errors.Is(err, profile.ErrPasswordsNotKept) {
		return lang.L("Your administrator does not allow saving passwords, so Exchange keeps this password only until it closes, and asks for it at each start.")
	}
	return lang.L("The system keychain is not available on this computer, so Exchange keeps this password only until it closes, and asks for it at each start.")
}

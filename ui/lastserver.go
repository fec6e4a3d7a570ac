package ui

import "exchange/profile"

// lastServerKey is the preference that keeps the server chosen in the
// toolbar, so that the next start sends to it again.
const lastServerKey = "server.chosen"

// rememberServer keeps name as the server chosen in the toolbar.
func (w *Window) rememberServer(name string) {
	w.app.Preferences().SetString(lastServerKey, name)
}

// startingProfile is the profile the window opens on: the one chosen last
// time when it still exists, else the default one.
func (w *Window) startingProfile(last string) (profile.Profile, error) {
	if last != "" {
		if p, err := w.deps.Profiles.Get(last); err == nil {
			return p, nil
		}
	}
	return w.deps.Profiles.Default()
}

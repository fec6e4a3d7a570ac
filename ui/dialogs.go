package ui

import (
	"strings"

	"exchange/profile"
)

// profilePinned takes a certificate pinned by the Asker into the profile in
// use and into the service, for the connections to come.
func (w *Window) profilePinned(p profile.Profile) {
	w.mu.Lock()
	inUse := strings.EqualFold(w.current.Name, p.Name)
	if inUse {
		w.current.PinnedSHA256 = p.PinnedSHA256
		p = w.current
	}
	pw := w.password
	w.mu.Unlock()
	if inUse {
		w.bk.SetProfile(p, pw)
		onUI(func() { w.showTLS(p) })
		return
	}
	pw, _ = w.asker.Known(p)
	w.bk.RegisterProfile(p, pw)
}

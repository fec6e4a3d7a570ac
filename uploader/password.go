package uploader

import (
	"fmt"

	"exchange/profile"
)

// A profile whose password is not stored (no keychain on this PC, or none
// saved) is registered with SetProfileAwaitingPassword. Its files are
// checked as usual, but no session is opened for them: they wait
// (EventWaiting, Note NotePasswordNeeded) and one EventNeedPassword (Profile
// set, Item empty) asks for the password. ProvidePassword gives it; the files then go. An
// empty password is used only when it is given that way (SetProfile,
// RegisterProfile or ProvidePassword with ""): Exchange never logs in with an
// empty password nobody typed.

// NotePasswordNeeded is the Note of the waiting event of a file held for its
// profile's password.
const NotePasswordNeeded = "waiting for the password of the server profile"

// SetProfileAwaitingPassword is SetProfile for a profile whose password is
// not known yet.
func (s *Service) SetProfileAwaitingPassword(p profile.Profile) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.registerAwaitingLocked(p)
	s.profiles.current = p.Name
	s.spawnWorkersLocked()
	s.signal()
}

func (s *Service) registerAwaitingLocked(p profile.Profile) {
	s.registerLocked(p, "")
	s.profiles.byName[p.WithDefaults().Name].passwordKnown = false
}

// ProvidePassword gives the password of a registered profile (the person
// typed it; "" if they chose an empty one): the files waiting for it go on,
// and sessions opened from now on use it. A wrong password then fails as any
// refused login does, and a later ProvidePassword (or Retry) tries again.
func (s *Service) ProvidePassword(profileName, password string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.profiles.byName[profileName]
	if e == nil {
		return fmt.Errorf("uploader: no profile %q registered", profileName)
	}
	e.password, e.passwordKnown, e.asked, e.broken = password, true, false, nil
	e.gen++
	for _, id := range s.list.order {
		if it := s.list.items[id]; it != nil && it.rec.Profile == profileName && it.heldForPassword {
			it.heldForPassword, it.note = false, ""
			s.emitItem(it, Event{Kind: EventWaiting, Total: it.rec.Size})
		}
	}
	s.signal()
	return nil
}

// holdForPasswordLocked reports whether it must wait for its profile's
// password, saying so (once per item, and once per profile until the
// password comes).
func (s *Service) holdForPasswordLocked(it *item) bool {
	e := s.profiles.byName[it.rec.Profile]
	if e == nil || e.passwordKnown {
		return false
	}
	if !e.asked {
		e.asked = true
		s.emit(Event{Kind: EventNeedPassword, Profile: e.p.Name, Time: s.now()})
	}
	if !it.heldForPassword {
		it.heldForPassword = true
		s.emitItem(it, Event{Kind: EventWaiting, Total: it.rec.Size, Note: NotePasswordNeeded})
	}
	return true
}

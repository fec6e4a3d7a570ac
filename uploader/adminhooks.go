package uploader

// The hooks of the office's administrator: speed limits (Options.Throttle)
// and a gate before each send (Options.MaySend).

import (
	"context"
	"io"

	"exchange/profile"
	"exchange/transport"
)

// throttled puts the bytes of one upload under Options.Throttle (the speed
// limits), with the item's profile as it stands now: a limit changed in the
// profile applies from the next file, a global one at once.
func (s *Service) throttled(ctx context.Context, it *item, r io.Reader) io.Reader {
	if s.opts.Throttle == nil {
		return r
	}
	s.mu.Lock()
	e := s.profiles.byName[it.rec.Profile]
	var p profile.Profile
	if e != nil {
		p = e.p
	}
	s.mu.Unlock()
	if e == nil {
		return r
	}
	return s.opts.Throttle(ctx, p, r)
}

// mayAttempt asks Options.MaySend; a refusal is a local, permanent failure.
func (s *Service) mayAttempt(p profile.Profile) error {
	if s.opts.MaySend == nil {
		return nil
	}
	if err := s.opts.MaySend(p); err != nil {
		return transport.RefusedHere("send", err)
	}
	return nil
}

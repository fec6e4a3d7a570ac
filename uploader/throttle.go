package uploader

import (
	"context"
	"io"

	"exchange/profile"
)

// throttled puts the bytes of one upload under Options.Throttle (the speed
// limits), with the item's profile as it stands now: a limit changed in the
// profile applies from the next file, a global one at once.
func (s *Service) throttled(ctx context.Context, it *item, r io.Reader) io.Reader {
	if s.opts.Throttle == nil {
		return r
	}
	s.mu.Lock()
	e := s.profiles[it.rec.Profile]
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

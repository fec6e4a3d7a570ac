package app

import (
	"context"
	"fmt"
	"io"

	"exchange/profile"
	"exchange/transport/bandwidth"
)

// policyLimits are new speed limits with the administrator's global limit.
func policyLimits(pol profile.Policies) (*bandwidth.Limits, error) {
	bps, err := bandwidth.ParseRate(pol.SpeedLimit)
	if err != nil {
		return nil, fmt.Errorf("the administrator's speed limit: %w", err)
	}
	limits := bandwidth.New()
	limits.SetGlobal(bps)
	return limits, nil
}

// Throttle holds every upload to the speed limits: the global one set on
// limits (the window's top bar, `exchange upload --limit`) and the profile's
// own (Profile.Limit), read anew for each file so that an edited profile
// applies from its next file. It is uploader.Options.Throttle.
func Throttle(limits *bandwidth.Limits) func(ctx context.Context, p profile.Profile, r io.Reader) io.Reader {
	return func(ctx context.Context, p profile.Profile, r io.Reader) io.Reader {
		bps, err := bandwidth.ParseRate(p.Limit)
		if err != nil {
			bps = 0 // a profile with a bad limit does not pass Validate; never block on it
		}
		limits.SetProfile(p.Name, bps)
		return limits.Reader(ctx, p.Name, r)
	}
}

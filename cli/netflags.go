package cli

import (
	"flag"
	"fmt"

	"exchange/profile"
	"exchange/transport/bandwidth"
	"exchange/transport/proxy"
)

// The network flags of upload and diagnose: --proxy and --limit.

// addProxyFlag is --proxy of upload and diagnose.
func addProxyFlag(fs *flag.FlagSet, f *uploadFlags) {
	fs.StringVar(&f.proxy, "proxy", "", "go through this proxy: socks5://[user:pass@]host:port or http://host:port (HTTP CONNECT), or direct to ignore the system's proxy (default: the profile's, else the system's); write only user@ and set EXCHANGE_PROXY_PASSWORD to keep the password out of the process list")
}

// applyProxyFlag puts --proxy into the profile, after checking it.
func applyProxyFlag(f uploadFlags, p *profile.Profile) error {
	if f.proxy == "" {
		return nil
	}
	if _, err := proxy.Parse(f.proxy); err != nil {
		return fmt.Errorf("--proxy: %w", err)
	}
	p.Proxy = f.proxy
	return nil
}

// describeProxy names the route of a profile for the first line of upload
// and diagnose: "" when it goes direct. Never the password.
func describeProxy(p profile.Profile) string {
	route, err := proxy.For(p.Proxy, p.Host)
	if err != nil || route.Direct() {
		return ""
	}
	return " through the proxy " + route.String()
}

// addLimitFlag is --limit of upload: the global speed limit of this run.
func addLimitFlag(fs *flag.FlagSet, f *uploadFlags) {
	fs.StringVar(&f.limit, "limit", "", "send at most this fast, all connections together: 2MB/s, 500KB/s, 2M, 500k (default: the profile's limit, else none)")
}

// speedLimits are the limits of one upload run: --limit as the global one.
func speedLimits(f uploadFlags) (*bandwidth.Limits, error) {
	bps, err := bandwidth.ParseRate(f.limit)
	if err != nil {
		return nil, fmt.Errorf("--limit: %w", err)
	}
	limits := bandwidth.New()
	limits.SetGlobal(bps)
	return limits, nil
}

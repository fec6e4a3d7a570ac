package profile

// The network settings of a profile: its proxy and its speed limit.

import (
	"fmt"
	"time"

	"exchange/transport/bandwidth"
	"exchange/transport/ftpclient"
	"exchange/transport/proxy"
)

// proxyDialer is the dialer of the profile's proxy setting (Proxy: "" for
// the system's, "direct", or a socks5:// or http:// URL), nil when the
// connection goes direct.
func (p Profile) proxyDialer() (ftpclient.ProxyDialer, error) {
	route, err := proxy.For(p.Proxy, p.Host)
	if err != nil {
		return nil, fmt.Errorf("profile %q: %w", p.Name, err)
	}
	if route.Direct() {
		return nil, nil
	}
	return route.Dialer(time.Duration(p.TimeoutSeconds) * time.Second), nil
}

// validateLimit: a speed limit must read as one.
func (p Profile) validateLimit() error {
	if _, err := bandwidth.ParseRate(p.Limit); err != nil {
		return fmt.Errorf("profile %q: speed limit: %w", p.Name, err)
	}
	return nil
}

// validateProxy: a saved proxy setting must parse and must not hold a
// password (files never do; it comes from EXCHANGE_PROXY_PASSWORD).
func (p Profile) validateProxy() error {
	u, err := proxy.Parse(p.Proxy)
	if err != nil {
		return fmt.Errorf("profile %q: %w", p.Name, err)
	}
	if u != nil && u.User != nil {
		if _, has := u.User.Password(); has {
			return fmt.Errorf("profile %q: the proxy password may not be saved in the profile: write only the user (socks5://user@host:port) and give the password in EXCHANGE_PROXY_PASSWORD", p.Name)
		}
	}
	return nil
}

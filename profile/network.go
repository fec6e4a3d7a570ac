package profile

// The network settings of a profile: its proxy and its speed limit. The
// proxy is read by the transport's registered Proxies (transport/proxy,
// which app links in), so that profiles link in no protocol package.

import (
	"fmt"
	"time"

	"exchange/internal/units"
	"exchange/transport"
)

// proxyDialer is the dialer of the profile's proxy setting (Proxy: "" for
// the system's, "direct", or a socks5:// or http:// URL), nil when the
// connection goes direct.
func (p Profile) proxyDialer() (transport.ProxyDialer, error) {
	d, err := transport.ProxyRoute(p.Proxy, p.Host, time.Duration(p.TimeoutSeconds)*time.Second)
	if err != nil {
		return nil, fmt.Errorf("profile %q: %w", p.Name, err)
	}
	return d, nil
}

// validateLimit: a speed limit must read as one.
func (p Profile) validateLimit() error {
	if _, err := units.ParseRate(p.Limit); err != nil {
		return fmt.Errorf("profile %q: speed limit: %w", p.Name, err)
	}
	return nil
}

// validateProxy: a saved proxy setting must parse and must not hold a
// password (files never do; it comes from EXCHANGE_PROXY_PASSWORD).
func (p Profile) validateProxy() error {
	hasPassword, err := transport.CheckProxy(p.Proxy)
	if err != nil {
		return fmt.Errorf("profile %q: %w", p.Name, err)
	}
	if hasPassword {
		return fmt.Errorf("profile %q: the proxy password may not be saved in the profile: write only the user (socks5://user@host:port) and give the password in EXCHANGE_PROXY_PASSWORD", p.Name)
	}
	return nil
}

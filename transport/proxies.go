package transport

import (
	"errors"
	"strings"
	"sync"
	"time"
)

// Proxies reads proxy settings and routes connections through them: the
// package transport/proxy registers itself (SOCKS5 and HTTP CONNECT, named
// or the system's) when a program links it in (app/protocols.go), so that
// profiles and the service need not link it.
type Proxies interface {
	// Check reads a setting ("" for the system's proxy, "direct", or a
	// socks5:// or http:// URL) and reports whether it holds a password.
	Check(setting string) (hasPassword bool, err error)
	// Route is the dialer of the connections to host under the setting, each
	// connection to the proxy bounded by timeout; nil when they go direct.
	Route(setting, host string, timeout time.Duration) (ProxyDialer, error)
}

var (
	proxiesMu sync.RWMutex
	proxies   Proxies
)

// RegisterProxies makes p the reader of proxy settings (from an init).
func RegisterProxies(p Proxies) {
	proxiesMu.Lock()
	defer proxiesMu.Unlock()
	proxies = p
}

// errNoProxies is a named proxy in a program built without proxy support.
var errNoProxies = errors.New("this program cannot use a proxy (transport/proxy is not linked in)")

func registeredProxies() Proxies {
	proxiesMu.RLock()
	defer proxiesMu.RUnlock()
	return proxies
}

// noProxy: the setting names no proxy of its own ("" or "direct").
func noProxy(setting string) bool {
	s := strings.TrimSpace(setting)
	return s == "" || strings.EqualFold(s, "direct")
}

// CheckProxy reads a proxy setting (see Proxies.Check).
func CheckProxy(setting string) (hasPassword bool, err error) {
	if p := registeredProxies(); p != nil {
		return p.Check(setting)
	}
	if noProxy(setting) {
		return false, nil
	}
	return false, errNoProxies
}

// ProxyRoute is the dialer of the connections to host under a proxy
// setting (see Proxies.Route); without a registered Proxies, "" and
// "direct" go direct and a named proxy is refused.
func ProxyRoute(setting, host string, timeout time.Duration) (ProxyDialer, error) {
	if p := registeredProxies(); p != nil {
		return p.Route(setting, host, timeout)
	}
	if noProxy(setting) {
		return nil, nil
	}
	return nil, errNoProxies
}

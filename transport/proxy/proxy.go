// Package proxy routes Exchange's connections through an office proxy:
// SOCKS5 (with an optional user name and password, on golang.org/x/net/proxy)
// or HTTP CONNECT, named per profile or on the command line, or taken from
// the system (ALL_PROXY, HTTPS_PROXY and NO_PROXY; on Windows the Internet
// settings in the registry when those are not set).
//
// A setting is "" (use the system's proxy, if any), "direct" (ignore it), or
// a URL: socks5://[user:pass@]host:port or http://[user:pass@]host:port. For
// a setting and a server, For gives the Route; its Dialer opens connections
// through the proxy. A Route prints without its password, so it can be shown
// and logged.
package proxy

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	xproxy "golang.org/x/net/proxy"
)

// Direct is the setting that ignores any system proxy.
const Direct = "direct"

// Parse reads a proxy setting: "" (the system's), "direct", or a
// socks5:// or http:// URL with a host and a port. A URL without a scheme
// ("proxy:3128", as Windows and many environments write them) is HTTP.
func Parse(setting string) (*url.URL, error) {
	s := strings.TrimSpace(setting)
	if s == "" || strings.EqualFold(s, Direct) {
		return nil, nil
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("the proxy %q is not a valid address: write socks5://host:port or http://host:port", redactSetting(setting))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch u.Scheme {
	case "socks5", "socks5h", "http":
	case "https":
		return nil, fmt.Errorf("the proxy %s uses https://, which Exchange does not speak to a proxy: write http://%s (an FTPS connection stays encrypted through it)", Redact(u), u.Host)
	default:
		return nil, fmt.Errorf("the proxy %s has the scheme %q: Exchange speaks socks5:// and http:// (CONNECT) proxies", Redact(u), u.Scheme)
	}
	if u.Hostname() == "" || u.Port() == "" {
		return nil, fmt.Errorf("the proxy %s needs a host and a port, like %s://proxy.example:%s", Redact(u), u.Scheme, defaultPort(u.Scheme))
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return nil, fmt.Errorf("the proxy %s has a path or query: give only %s://host:port", Redact(u), u.Scheme)
	}
	u.Path = ""
	return u, nil
}

func defaultPort(scheme string) string {
	if scheme == "http" {
		return "3128"
	}
	return "1080"
}

// redactSetting hides a password in a setting that did not parse.
func redactSetting(s string) string {
	if at := strings.LastIndex(s, "@"); at >= 0 {
		if start := strings.Index(s, "://"); start >= 0 && start < at {
			return s[:start+3] + "***@" + s[at+1:]
		}
		return "***@" + s[at+1:]
	}
	return s
}

// PasswordVariable holds the proxy password when a setting names only the
// user (socks5://user@host:port), as a saved profile must.
const PasswordVariable = "EXCHANGE_PROXY_PASSWORD"

func fillPassword(u *url.URL) {
	if u.User == nil {
		return
	}
	if _, has := u.User.Password(); !has {
		if pw := os.Getenv(PasswordVariable); pw != "" {
			u.User = url.UserPassword(u.User.Username(), pw)
		}
	}
}

// Redact is u with its password replaced by "***", for messages and logs.
func Redact(u *url.URL) string {
	if u == nil {
		return Direct
	}
	return u.Redacted()
}

// Route is how to reach one server: directly, or through a proxy.
type Route struct {
	// Proxy is the proxy's URL; nil means a direct connection.
	Proxy *url.URL
	// Source says where the proxy setting came from: "profile" (or the
	// command line: no source), "environment", "Windows Internet settings"; "" for direct.
	Source string
}

// Direct reports whether the route goes without a proxy.
func (r Route) Direct() bool { return r.Proxy == nil }

// String names the route for people, without the password.
func (r Route) String() string {
	if r.Proxy == nil {
		return Direct
	}
	if r.Source == "" {
		return Redact(r.Proxy)
	}
	return Redact(r.Proxy) + " (from " + r.Source + ")"
}

// For is the route to host under setting: the named proxy, none for
// "direct", else the system's proxy unless its bypass list (NO_PROXY) names
// host. The system's proxy never applies to this computer itself
// (localhost, 127.0.0.0/8, ::1): a named proxy always applies.
func For(setting, host string) (Route, error) {
	if strings.EqualFold(strings.TrimSpace(setting), Direct) {
		return Route{}, nil
	}
	u, err := Parse(setting)
	if err != nil {
		return Route{}, err
	}
	if u != nil {
		fillPassword(u)
		return Route{Proxy: u}, nil
	}
	return systemRoute(systemSettings(), host)
}

// Dialer opens connections through the route's proxy. timeout bounds the
// connection to the proxy and its handshake together (0 means 30 s).
func (r Route) Dialer(timeout time.Duration) *Dialer {
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	return &Dialer{route: r, timeout: timeout}
}

// Dialer dials through a proxy. It is safe for concurrent use.
type Dialer struct {
	route   Route
	timeout time.Duration
}

// String names the proxy, without its password.
func (d *Dialer) String() string { return d.route.String() }

// URL is the proxy's address, with its password (to hand on, never to show).
func (d *Dialer) URL() *url.URL { return d.route.Proxy }

// DialContext connects to address through the proxy. A failure is an *Error
// that says whether the proxy could not be reached or refused.
func (d *Dialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	if d.route.Proxy == nil {
		var nd net.Dialer
		return nd.DialContext(ctx, network, address)
	}
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	forward := &watchedDialer{d: net.Dialer{Timeout: d.timeout, KeepAlive: 15 * time.Second}}
	var conn net.Conn
	var err error
	switch d.route.Proxy.Scheme {
	case "http":
		conn, err = dialConnect(ctx, forward, d.route.Proxy, address)
	default:
		var pd xproxy.Dialer
		if pd, err = xproxy.FromURL(d.route.Proxy, forward); err == nil {
			conn, err = pd.(xproxy.ContextDialer).DialContext(ctx, network, address)
		}
	}
	if err != nil {
		return nil, &Error{Proxy: d.route.String(), Target: address, Reached: forward.reached.Load(), Err: err}
	}
	forward.mu.Lock()
	raw := forward.raw
	forward.mu.Unlock()
	return &proxiedConn{Conn: conn, raw: raw}, nil
}

// proxiedConn is a connection through a proxy that can still half-close
// (the end of an FTPS data transfer depends on it): the proxy's library
// hides the TCP connection under its own type.
type proxiedConn struct {
	net.Conn
	raw net.Conn
}

// CloseWrite half-closes the connection to the proxy, which passes it on.
func (c *proxiedConn) CloseWrite() error {
	if cw, ok := c.raw.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// Error is a connection through a proxy that failed.
type Error struct {
	Proxy   string // the proxy, without its password
	Target  string // host:port asked for
	Reached bool   // the proxy answered (it refused, or could not reach Target)
	Err     error
}

func (e *Error) Error() string {
	if e.Reached {
		return fmt.Sprintf("the proxy %s did not connect to %s: %v", e.Proxy, e.Target, e.Err)
	}
	return fmt.Sprintf("the proxy %s cannot be reached: %v", e.Proxy, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Hint says what a clerk or the administrator can do.
func (e *Error) Hint() string {
	if e.Reached {
		return "The proxy refused to connect to the server, or could not reach it. Ask the network administrator to allow " + e.Target + " through the proxy, or check the proxy user name and password."
	}
	return "The proxy does not answer. Check the proxy address in the profile (or --proxy), or ask the network administrator."
}

// watchedDialer connects to the proxy and remembers whether it could: a
// failure after that is the proxy's answer.
type watchedDialer struct {
	d       net.Dialer
	reached atomic.Bool
	mu      sync.Mutex
	raw     net.Conn // the connection to the proxy
}

func (w *watchedDialer) Dial(network, address string) (net.Conn, error) {
	return w.DialContext(context.Background(), network, address)
}

func (w *watchedDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	c, err := w.d.DialContext(ctx, network, address)
	if err == nil {
		w.reached.Store(true)
		w.mu.Lock()
		w.raw = c
		w.mu.Unlock()
	}
	return c, err
}

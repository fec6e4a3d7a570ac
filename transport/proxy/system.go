package proxy

import (
	"net"
	"net/netip"
	"os"
	"path"
	"strings"
)

// System is the system's proxy configuration: one proxy for every
// connection, and the names that bypass it.
type System struct {
	// Proxy is a setting as Parse reads it; "" means none.
	Proxy string
	// Bypass lists hosts that go direct, separated by commas or semicolons:
	// "*" (all), "example.com" or ".example.com" (the domain and its
	// subdomains), "*.example.com" or "10.1.*" (wildcards), "10.0.0.0/8"
	// (a network), "<local>" (names without a dot).
	Bypass string
	// Source names where it came from, for messages.
	Source string
}

// systemSettings reads the system's proxy: the environment first, then (on
// Windows) the Internet settings. A variable for tests.
var systemSettings = func() System {
	if s := fromEnvironment(os.Getenv); s.Proxy != "" {
		return s
	}
	return fromPlatform()
}

// fromEnvironment reads ALL_PROXY, else HTTPS_PROXY (upper or lower case):
// FTP is not HTTP, so HTTP_PROXY (a proxy for plain web requests, often one
// that cannot CONNECT) is not used. NO_PROXY lists the bypasses.
func fromEnvironment(getenv func(string) string) System {
	get := func(name string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return getenv(strings.ToLower(name))
	}
	s := System{Bypass: get("NO_PROXY"), Source: "environment"}
	for _, name := range []string{"ALL_PROXY", "HTTPS_PROXY"} {
		if v := strings.TrimSpace(get(name)); v != "" {
			s.Proxy, s.Source = v, "environment "+name
			break
		}
	}
	return s
}

// systemRoute applies a system configuration to host.
func systemRoute(s System, host string) (Route, error) {
	if s.Proxy == "" || isLoopback(host) || bypassed(s.Bypass, host) {
		return Route{}, nil
	}
	u, err := Parse(s.Proxy)
	if err != nil || u == nil {
		return Route{}, err
	}
	return Route{Proxy: u, Source: s.Source}, nil
}

func isLoopback(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && ip.IsLoopback()
}

// bypassed reports whether the list names host.
func bypassed(list, host string) bool {
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	ip, ipErr := netip.ParseAddr(host)
	for _, entry := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		entry = strings.ToLower(strings.TrimSpace(entry))
		if h, _, err := net.SplitHostPort(entry); err == nil {
			entry = h // a port in the entry: Exchange matches by host
		}
		switch {
		case entry == "*":
			return true
		case entry == "<local>":
			if ipErr != nil && !strings.Contains(host, ".") {
				return true
			}
		case strings.Contains(entry, "/"):
			if p, err := netip.ParsePrefix(entry); err == nil && ipErr == nil && p.Contains(ip) {
				return true
			}
		case strings.Contains(entry, "*"):
			if ok, _ := path.Match(entry, host); ok {
				return true
			}
			if suffix, found := strings.CutPrefix(entry, "*."); found && host == suffix {
				return true
			}
		default:
			entry = strings.TrimPrefix(entry, ".")
			if host == entry || strings.HasSuffix(host, "."+entry) {
				return true
			}
		}
	}
	return false
}

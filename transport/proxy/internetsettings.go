package proxy

import "strings"

// fromInternetSettings reads the Windows Internet settings' ProxyServer
// ("host:port" for every protocol, or "http=h:p;https=h:p;socks=h:p") and
// ProxyOverride ("<local>;*.corp.example"). It lives outside the Windows
// build so that it is tested everywhere.
func fromInternetSettings(server, override string) System {
	s := System{Bypass: override, Source: "Windows Internet settings"}
	server = strings.TrimSpace(server)
	if server == "" {
		return System{}
	}
	if !strings.Contains(server, "=") {
		s.Proxy = withScheme("http", server)
		return s
	}
	byProto := map[string]string{}
	for _, part := range strings.Split(server, ";") {
		proto, addr, ok := strings.Cut(part, "=")
		if ok && strings.TrimSpace(addr) != "" {
			byProto[strings.ToLower(strings.TrimSpace(proto))] = strings.TrimSpace(addr)
		}
	}
	// An HTTPS proxy tunnels with CONNECT, as FTP needs; "socks" is the
	// next best (Windows means SOCKS4 there, most SOCKS servers also speak SOCKS5, which Exchange uses).
	switch {
	case byProto["https"] != "":
		s.Proxy = withScheme("http", byProto["https"])
	case byProto["socks"] != "":
		s.Proxy = withScheme("socks5", byProto["socks"])
	default:
		return System{}
	}
	return s
}

func withScheme(scheme, addr string) string {
	if strings.Contains(addr, "://") {
		return addr
	}
	return scheme + "://" + addr
}

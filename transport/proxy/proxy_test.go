package proxy

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	good := map[string]string{
		"":                                   "direct",
		"direct":                             "direct",
		" DIRECT ":                           "direct",
		"socks5://127.0.0.1:1080":            "socks5://127.0.0.1:1080",
		"socks5://bob:s3cret@proxy.lan:1080": "socks5://bob:xxxxx@proxy.lan:1080",
		"http://proxy.lan:3128":              "http://proxy.lan:3128",
		"HTTP://proxy.lan:3128/":             "http://proxy.lan:3128",
		"proxy.lan:8080":                     "http://proxy.lan:8080",
	}
	for in, want := range good {
		u, err := Parse(in)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if got := Redact(u); got != want {
			t.Errorf("Parse(%q) = %s, want %s", in, got, want)
		}
	}
	bad := map[string]string{
		"ftp://proxy.lan:21":                 "socks5:// and http://",
		"https://proxy.lan:443":              "does not speak",
		"socks5://proxy.lan":                 "host and a port",
		"http://:3128":                       "host and a port",
		"http://proxy.lan:3128/path":         "path or query",
		"socks5://bob:s3cret@proxy lan:1080": "not a valid address",
	}
	for in, want := range bad {
		_, err := Parse(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want an error saying %q", in, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Parse(%q) shows the password: %v", in, err)
		}
	}
}

func TestForNamedProxyAndDirect(t *testing.T) {
	t.Setenv("ALL_PROXY", "socks5://system.proxy:1080")
	r, err := For("http://office.proxy:3128", "ftp.carrier.example")
	if err != nil || r.Direct() || r.String() != "http://office.proxy:3128" {
		t.Fatalf("named proxy: %v %v", r, err)
	}
	// A named proxy applies even to this computer (the tests rely on it).
	if r, _ := For("socks5://127.0.0.1:1080", "127.0.0.1"); r.Direct() {
		t.Fatal("a named proxy was not used for a loopback server")
	}
	if r, err := For("direct", "ftp.carrier.example"); err != nil || !r.Direct() {
		t.Fatalf("direct: %v %v", r, err)
	}
}

func TestForSystemProxyFromEnvironment(t *testing.T) {
	for _, name := range []string{"ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy", "HTTP_PROXY"} {
		t.Setenv(name, "")
	}
	if r, _ := For("", "ftp.carrier.example"); !r.Direct() {
		t.Fatalf("no proxy in the environment, got %v", r)
	}
	t.Setenv("HTTP_PROXY", "http://web.only:3128")
	if r, _ := For("", "ftp.carrier.example"); !r.Direct() {
		t.Fatalf("HTTP_PROXY is for web requests only, got %v", r)
	}
	t.Setenv("https_proxy", "http://tunnel.proxy:3128")
	if r, _ := For("", "ftp.carrier.example"); r.String() != "http://tunnel.proxy:3128 (from environment HTTPS_PROXY)" {
		t.Fatalf("HTTPS_PROXY: got %v", r)
	}
	t.Setenv("ALL_PROXY", "socks5://all.proxy:1080")
	t.Setenv("NO_PROXY", "intranet.example, 10.0.0.0/8,*.lan")
	cases := map[string]bool{ // host -> goes through the proxy
		"ftp.carrier.example":      true,
		"intranet.example":         false,
		"ftp.intranet.example":     false,
		"10.1.2.3":                 false,
		"11.1.2.3":                 true,
		"nas.lan":                  false,
		"localhost":                false,
		"127.0.0.1":                false,
		"::1":                      false,
		"notintranet.example":      true,
		"ftp.carrier.example.lan.": false,
	}
	for host, proxied := range cases {
		r, err := For("", host)
		if err != nil {
			t.Fatal(err)
		}
		if r.Direct() == proxied {
			t.Errorf("%s: route %v, want proxied=%v", host, r, proxied)
		}
		if proxied && r.String() != "socks5://all.proxy:1080 (from environment ALL_PROXY)" {
			t.Errorf("%s: route %v", host, r)
		}
	}
	if r, _ := For("direct", "ftp.carrier.example"); !r.Direct() {
		t.Fatal("direct does not ignore the system proxy")
	}
}

func TestInternetSettings(t *testing.T) {
	cases := []struct{ server, override, host, want string }{
		{"proxy.corp:8080", "", "ftp.carrier.example", "http://proxy.corp:8080"},
		{"http=web:80;https=tunnel:8443;socks=socks.corp:1080", "", "ftp.carrier.example", "http://tunnel:8443"},
		{"http=web:80;socks=socks.corp:1080", "", "ftp.carrier.example", "socks5://socks.corp:1080"},
		{"http=web:80", "", "ftp.carrier.example", "direct"},
		{"proxy.corp:8080", "<local>;*.corp.example", "fileserver", "direct"},
		{"proxy.corp:8080", "<local>;*.corp.example", "ftp.corp.example", "direct"},
		{"proxy.corp:8080", "<local>;10.1.*", "10.1.2.3", "direct"},
		{"proxy.corp:8080", "<local>;10.1.*", "10.2.2.3", "http://proxy.corp:8080"},
		{"", "", "ftp.carrier.example", "direct"},
	}
	for _, c := range cases {
		r, err := systemRoute(fromInternetSettings(c.server, c.override), c.host)
		if err != nil {
			t.Fatal(err)
		}
		got := "direct"
		if !r.Direct() {
			got = Redact(r.Proxy)
		}
		if got != c.want {
			t.Errorf("ProxyServer %q ProxyOverride %q host %s: %s, want %s", c.server, c.override, c.host, got, c.want)
		}
	}
}

func TestPasswordFromTheEnvironment(t *testing.T) {
	t.Setenv(PasswordVariable, "from-env")
	r, err := For("socks5://bob@proxy.lan:1080", "ftp.carrier.example")
	if err != nil {
		t.Fatal(err)
	}
	if pw, _ := r.Proxy.User.Password(); pw != "from-env" {
		t.Fatalf("password %q, want the one from %s", pw, PasswordVariable)
	}
	if strings.Contains(r.String(), "from-env") {
		t.Fatalf("the route shows the password: %s", r)
	}
	r, _ = For("socks5://bob:given@proxy.lan:1080", "ftp.carrier.example")
	if pw, _ := r.Proxy.User.Password(); pw != "given" {
		t.Fatalf("a given password was replaced: %q", pw)
	}
}

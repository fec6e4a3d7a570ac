package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// profiles add --proxy --limit saves both; a proxy password or a bad limit
// is refused (the password belongs in EXCHANGE_PROXY_PASSWORD, never a file).
func TestProfilesAddProxyAndLimit(t *testing.T) {
	t.Setenv("EXCHANGE_MACHINE_PROFILES", filepath.Join(t.TempDir(), "none.json"))
	state := t.TempDir()
	code, out, errOut := run("profiles", "--state", state, "add", "Office", "--server", "ftpes://clerk@ftp.example/",
		"--proxy", "socks5://officeproxy@proxy.lan:1080", "--limit", "2MB/s")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	store, err := openProfiles(state)
	if err != nil {
		t.Fatal(err)
	}
	p, err := store.Get("Office")
	if err != nil || p.Proxy != "socks5://officeproxy@proxy.lan:1080" || p.Limit != "2MB/s" {
		t.Fatalf("saved %+v, %v", p, err)
	}
	code, _, errOut = run("profiles", "--state", state, "add", "Leaky", "--server", "ftp://clerk@ftp.example/",
		"--proxy", "socks5://officeproxy:Secret1@proxy.lan:1080")
	if code != ExitFailed || !strings.Contains(errOut, "EXCHANGE_PROXY_PASSWORD") || strings.Contains(errOut, "Secret1") {
		t.Errorf("a proxy password in a profile: exit %d %s", code, errOut)
	}
	code, _, errOut = run("profiles", "--state", state, "add", "Slow", "--server", "ftp://clerk@ftp.example/", "--limit", "fast")
	if code != ExitFailed || !strings.Contains(errOut, "speed limit") {
		t.Errorf("a bad limit: exit %d %s", code, errOut)
	}
}

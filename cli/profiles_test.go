package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

func TestProfilesAddListShowRemove(t *testing.T) {
	keyring.MockInit()
	state := t.TempDir()
	t.Setenv("EXCHANGE_MACHINE_PROFILES", filepath.Join(t.TempDir(), "none.json"))
	run := func(args ...string) (int, string) {
		var out bytes.Buffer
		code := Run(append([]string{"profiles", "--state", state}, args...), strings.NewReader(""), &out, &out)
		return code, out.String()
	}
	if code, out := run("add", "Agency", "--server", "ftpes://clerk:pa55word@ftp.agency.example:2100/in", "--active"); code != ExitFailed ||
		strings.Contains(out, "pa55word") || !strings.Contains(out, "set-password") {
		t.Fatalf("add with a password in the URL: %d %s", code, out)
	}
	if code, out := run("add", "Agency", "--server", "ftpes://clerk@ftp.agency.example:2100/in", "--active"); code != ExitOK {
		t.Fatalf("add: %d %s", code, out)
	}
	t.Setenv("EXCHANGE_PASSWORD", "pa55word")
	if code, out := run("set-password", "Agency"); code != ExitOK {
		t.Fatalf("set-password: %d %s", code, out)
	}
	code, out := run("list")
	if code != ExitOK || !strings.Contains(out, "Local test server") || !strings.Contains(out, "ftpes://clerk@ftp.agency.example:2100/in (active)") {
		t.Fatalf("list: %d\n%s", code, out)
	}
	if strings.Contains(out, "pa55word") {
		t.Fatal("list shows the password")
	}
	if code, out := run("show", "agency"); code != ExitOK || !strings.Contains(out, "remembered in the keychain") {
		t.Fatalf("show: %d\n%s", code, out)
	}
	raw, _ := os.ReadFile(filepath.Join(state, "profiles.json"))
	if bytes.Contains(raw, []byte("pa55word")) {
		t.Fatal("profiles.json contains the password")
	}
	if code, out := run("default", "Agency"); code != ExitOK {
		t.Fatalf("default: %s", out)
	}
	if _, out := run("list"); !strings.Contains(out, "* Agency") {
		t.Errorf("default not marked:\n%s", out)
	}
	if code, _ := run("remove", "Agency"); code != ExitOK {
		t.Fatal("remove failed")
	}
	if code, _ := run("show", "Agency"); code != ExitFailed {
		t.Errorf("show of a removed profile: exit %d", code)
	}
	if code, _ := run("frobnicate"); code != ExitUsage {
		t.Errorf("unknown action: exit %d", code)
	}
}

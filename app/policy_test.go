package app

import (
	"os"
	"path/filepath"
	"testing"

	"exchange/profile"
)

// The administrator's file disables the built-in server and sets a global
// speed limit: the assembled parts obey both.
func TestOpenFollowsThePolicies(t *testing.T) {
	machine := filepath.Join(t.TempDir(), "profiles.json")
	if err := os.WriteFile(machine, []byte(`{"policies":{"disable_builtin_server":true,"speed_limit":"2MB/s"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EXCHANGE_MACHINE_PROFILES", machine)
	parts, err := Open(Config{StateDir: t.TempDir(), Keychain: profile.NoKeychain{}, Inbox: t.TempDir(), BuiltInAddr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	defer parts.Close()
	if parts.BuiltIn != nil {
		t.Error("the built-in server runs although the administrator disabled it")
	}
	if all, _ := parts.Profiles.List(); len(all) != 0 {
		t.Errorf("profiles: %+v, want none (no built-in)", all)
	}
	if got := parts.Limits.Global(); got != 2_000_000 {
		t.Errorf("global limit %d, want 2 MB/s", got)
	}
}

func TestOpenRefusesADamagedPolicyFile(t *testing.T) {
	machine := filepath.Join(t.TempDir(), "profiles.json")
	if err := os.WriteFile(machine, []byte(`{"policies":{"speed_limit":"fast"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EXCHANGE_MACHINE_PROFILES", machine)
	if parts, err := Open(Config{StateDir: t.TempDir(), Keychain: profile.NoKeychain{}, Inbox: t.TempDir(), BuiltInAddr: "127.0.0.1:0"}); err == nil {
		parts.Close()
		t.Fatal("a speed limit that does not read was ignored")
	}
}

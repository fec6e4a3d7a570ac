//go:build windows

package profile

import (
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
	"golang.org/x/sys/windows/registry"
)

// TestRegistryDefaultProfileIsReadBack writes the machine-wide default
// profile where the MSI puts it (HKLM\Software\Exchange\DefaultProfile) and
// reads it back as a read-only machine profile. Needs an administrator (CI
// runners and wine are); a machine that already has one is left alone.
func TestRegistryDefaultProfileIsReadBack(t *testing.T) {
	const path = `Software\Exchange\DefaultProfile`
	if k, err := registry.OpenKey(registry.LOCAL_MACHINE, path, registry.QUERY_VALUE); err == nil {
		k.Close()
		t.Skip("this machine has an administrator's default profile already: not overwriting it")
	}
	k, _, err := registry.CreateKey(registry.LOCAL_MACHINE, path, registry.SET_VALUE)
	if err != nil {
		t.Fatalf("create HKLM\\%s (run as an administrator): %v", path, err)
	}
	t.Cleanup(func() { _ = registry.DeleteKey(registry.LOCAL_MACHINE, path) })
	for name, value := range map[string]string{"Name": "Office server", "Host": "ftp.agency.example", "Port": "2121",
		"User": "clerk", "RemoteDir": "incoming", "Mode": "active", "TLS": "explicit", "PinnedSHA256": "AB:CD"} {
		if err := k.SetStringValue(name, value); err != nil {
			t.Fatal(err)
		}
	}
	k.Close()
	t.Setenv("EXCHANGE_MACHINE_PROFILES", t.TempDir()+`\none.json`)
	profiles, err := MachineProfiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(profiles) != 1 {
		t.Fatalf("machine profiles %+v, want the registry's one", profiles)
	}
	p := profiles[0]
	if p.Name != "Office server" || p.Host != "ftp.agency.example" || p.Port != 2121 || p.User != "clerk" ||
		p.RemoteDir != "incoming" || p.Mode != "active" || p.TLS != "explicit" || p.PinnedSHA256 != "AB:CD" || !p.ReadOnly {
		t.Errorf("read back %+v", p)
	}
}

// TestCredentialManagerKeepsThePassword stores, reads and deletes a password
// through go-keyring's Windows backend (Credential Manager), as the window
// and the CLI do; under wine too.
func TestCredentialManagerKeepsThePassword(t *testing.T) {
	keys := OSKeychain{}
	service := fmt.Sprintf("Exchange-test-%d-%d", os.Getpid(), time.Now().UnixNano())
	if err := keys.Set(service, "agency/clerk", "s3cret ünïcode"); err != nil {
		t.Fatalf("Credential Manager: set: %v", err)
	}
	t.Cleanup(func() { _ = keys.Delete(service, "agency/clerk") })
	got, err := keys.Get(service, "agency/clerk")
	if err != nil || got != "s3cret ünïcode" {
		t.Fatalf("Credential Manager: get = %q, %v", got, err)
	}
	if err := keys.Delete(service, "agency/clerk"); err != nil {
		t.Fatalf("Credential Manager: delete: %v", err)
	}
	if _, err := keys.Get(service, "agency/clerk"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("after delete: %v, want keyring.ErrNotFound", err)
	}
}

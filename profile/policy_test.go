package profile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

// withPolicies writes a machine-wide file with these policies (and one
// administrator's profile) and points Exchange at it.
func withPolicies(t *testing.T, policies string) {
	t.Helper()
	machine := filepath.Join(t.TempDir(), "profiles.json")
	content := `{"profiles":[{"name":"Office","host":"ftp.office.example","user":"clerk","tls":"explicit"}],"policies":` + policies + `}`
	if err := os.WriteFile(machine, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EXCHANGE_MACHINE_PROFILES", machine)
}

func TestPolicyLockProfiles(t *testing.T) {
	t.Setenv("EXCHANGE_MACHINE_PROFILES", filepath.Join(t.TempDir(), "none.json"))
	s, _ := OpenStore(t.TempDir(), nil)
	if err := s.Save(Profile{Name: "Mine", Host: "mine.example", User: "me"}); err != nil {
		t.Fatal(err)
	}
	withPolicies(t, `{"lock_profiles":true}`)
	if err := s.Save(Profile{Name: "Another", Host: "x.example", User: "me"}); !errors.Is(err, ErrProfilesLocked) {
		t.Errorf("Save under a locked list: %v", err)
	}
	if err := s.Remove("Mine"); !errors.Is(err, ErrProfilesLocked) {
		t.Errorf("Remove under a locked list: %v", err)
	}
	all, err := s.List()
	if err != nil || len(all) != 1 || all[0].Name != "Office" || !all[0].ReadOnly {
		t.Errorf("a locked list has only the administrator's profiles: %+v %v", all, err)
	}
	if !strings.Contains(ErrProfilesLocked.Error(), SetByAdministrator) {
		t.Errorf("the refusal does not say who set it: %v", ErrProfilesLocked)
	}
}

func TestPolicyRequireSecure(t *testing.T) {
	withPolicies(t, `{"require_secure":true}`)
	_, err := Profile{Name: "Plain", Host: "ftp.example", User: "u"}.ClientConfig("pw")
	if err == nil || !strings.Contains(err.Error(), "requires an encrypted connection") {
		t.Errorf("plain FTP under require_secure: %v", err)
	}
	for _, plain := range []TLSMode{"off", "plain", "NONE"} { // other spellings of plain FTP
		_, err := Profile{Name: "Plain", Host: "ftp.example", User: "u", TLS: plain}.ClientConfig("pw")
		if err == nil || !strings.Contains(err.Error(), "requires an encrypted connection") {
			t.Errorf("TLS %q under require_secure: %v", plain, err)
		}
	}
	if _, err := (Profile{Name: "Secure", Host: "ftp.example", User: "u", TLS: "explicit"}).ClientConfig("pw"); err != nil {
		t.Errorf("explicit TLS under require_secure: %v", err)
	}
}

func TestPolicyForbidOverwriteDuplicatesAndWarnings(t *testing.T) {
	p := Profile{Name: "P", Host: "h", Exists: Overwrite, Duplicates: DuplicateSend}
	withPolicies(t, `{}`)
	if d := p.WithDefaults(); d.Exists != Overwrite || d.Duplicates != DuplicateSend || d.RejectWarnings {
		t.Fatalf("without policies the profile's own settings stand: %+v", d)
	}
	withPolicies(t, `{"forbid_overwrite":true,"duplicates":"skip","reject_warnings":true}`)
	d := p.WithDefaults()
	if d.Exists != KeepBoth {
		t.Errorf("forbid_overwrite: exists = %q, want keep-both", d.Exists)
	}
	if d.Duplicates != DuplicateSkip {
		t.Errorf("duplicates policy: %q, want skip", d.Duplicates)
	}
	if !d.RejectWarnings {
		t.Error("reject_warnings did not apply")
	}
}

func TestPolicyForbidSavedPasswords(t *testing.T) {
	keyring.MockInit()
	t.Setenv("EXCHANGE_MACHINE_PROFILES", filepath.Join(t.TempDir(), "none.json"))
	s, _ := OpenStore(t.TempDir(), OSKeychain{})
	p := Profile{Name: "P", Host: "h", User: "u"}
	if err := s.SetPassword(p, "kept-before"); err != nil {
		t.Fatal(err)
	}
	withPolicies(t, `{"forbid_saved_passwords":true}`)
	if err := s.SetPassword(p, "new"); !errors.Is(err, ErrPasswordsNotKept) {
		t.Errorf("SetPassword under forbid_saved_passwords: %v", err)
	}
	if _, err := s.Password(p); !errors.Is(err, ErrNoPassword) {
		t.Errorf("a password kept before the policy is still used: %v", err)
	}
}

func TestPolicyFromADamagedFileRefuses(t *testing.T) {
	machine := filepath.Join(t.TempDir(), "profiles.json")
	if err := os.WriteFile(machine, []byte(`{"policies":{"require_secure":tru`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EXCHANGE_MACHINE_PROFILES", machine)
	if _, err := (Profile{Name: "P", Host: "h", User: "u"}).ClientConfig("pw"); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("a damaged policy file must stop connections, not be ignored: %v", err)
	}
	withPolicies(t, `{"duplicates":"sometimes"}`)
	if _, err := MachinePolicies(); err == nil || !strings.Contains(err.Error(), "sometimes") {
		t.Errorf("an unknown duplicate policy: %v", err)
	}
}

func TestPolicyFileChangeIsSeen(t *testing.T) {
	withPolicies(t, `{"reject_warnings":false}`)
	if pol, _ := MachinePolicies(); pol.RejectWarnings {
		t.Fatal("reject_warnings set")
	}
	file := os.Getenv("EXCHANGE_MACHINE_PROFILES")
	if err := os.WriteFile(file, []byte(`{"policies":{"reject_warnings":true, "speed_limit":"2MB/s"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if pol, _ := MachinePolicies(); !pol.RejectWarnings || pol.SpeedLimit != "2MB/s" {
		t.Fatalf("the edited file was not read again: %+v", pol)
	}
}

func TestRegistryFlag(t *testing.T) {
	for v, want := range map[string]bool{"1": true, "YES": true, "true": true, " on ": true, "0": false, "no": false, "": false, "2": false} {
		if got := registryFlag(v); got != want {
			t.Errorf("registryFlag(%q) = %v", v, got)
		}
	}
}

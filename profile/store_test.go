package profile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/zalando/go-keyring"
)

func TestPasswordGoesToTheKeychainNeverToTheFile(t *testing.T) {
	keyring.MockInit()
	dir := t.TempDir()
	s, err := OpenStore(dir, OSKeychain{})
	if err != nil {
		t.Fatal(err)
	}
	p := Profile{Name: "Agency", Host: "ftp.agency.example", User: "clerk", RemoteDir: "/in"}
	if err := s.Save(p); err != nil {
		t.Fatal(err)
	}
	const secret = "Tr0ub4dor&3-unique"
	if err := s.SetPassword(p, secret); err != nil {
		t.Fatal(err)
	}
	got, err := s.Password(p)
	if err != nil || got != secret {
		t.Fatalf("Password = %q, %v", got, err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(secret)) {
		t.Fatal("the profile file contains the password")
	}
	// Windows has no Unix file modes: the profile folder's ACL (the user's
	// AppData) is what keeps the file private there.
	if info, _ := os.Stat(filepath.Join(dir, FileName)); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("profile file mode %v, want 0600", info.Mode().Perm())
	}
	if err := s.Remove("agency"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Password(p); !errors.Is(err, ErrNoPassword) {
		t.Errorf("password still there after removing the profile: %v", err)
	}
}

func TestWithoutKeychainNothingIsRemembered(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenStore(dir, nil)
	p := Profile{Name: "A", Host: "h", User: "u"}
	if err := s.Save(p); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPassword(p, "pw-123"); !errors.Is(err, ErrNoKeychain) {
		t.Fatalf("SetPassword without keychain = %v, want ErrNoKeychain", err)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, FileName))
	if bytes.Contains(raw, []byte("pw-123")) {
		t.Fatal("the password went to the file")
	}
}

func TestMachineProfilesAreMergedReadOnlyUnderTheUsers(t *testing.T) {
	machine := filepath.Join(t.TempDir(), "machine.json")
	if err := os.WriteFile(machine, []byte(`{"profiles":[{"name":"Office","host":"ftp.office.example","user":"clerk"},{"name":"Mine","host":"machine.example"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EXCHANGE_MACHINE_PROFILES", machine)
	s, _ := OpenStore(t.TempDir(), nil)
	s.SetBuiltIn(Profile{Name: "Local test server", Host: "127.0.0.1", Port: 2121, User: "exchange"})
	if err := s.Save(Profile{Name: "Mine", Host: "user.example", User: "me"}); err != nil {
		t.Fatal(err)
	}
	all, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || !all[0].BuiltIn {
		t.Fatalf("List = %+v, want the built-in first then 2 others", all)
	}
	office, _ := s.Get("office")
	if !office.ReadOnly || office.Host != "ftp.office.example" {
		t.Errorf("machine profile = %+v, want read-only", office)
	}
	mine, _ := s.Get("Mine")
	if mine.ReadOnly || mine.Host != "user.example" {
		t.Errorf("the user's profile should hide the machine one of the same name: %+v", mine)
	}
	// With a machine profile and no choice, the office server is the default.
	def, _ := s.Default()
	if def.Name != "Office" {
		t.Errorf("Default = %q, want the administrator's Office", def.Name)
	}
	if err := s.SetDefault("Local test server"); err != nil {
		t.Fatal(err)
	}
	def, _ = s.Default()
	if !def.BuiltIn {
		t.Errorf("Default after SetDefault = %q", def.Name)
	}
	if pw, _ := s.Password(def); pw != BuiltInPassword {
		t.Error("the built-in server's password is not known")
	}
}

func TestFirstStartDefaultsToTheBuiltInServer(t *testing.T) {
	t.Setenv("EXCHANGE_MACHINE_PROFILES", filepath.Join(t.TempDir(), "none.json"))
	s, _ := OpenStore(t.TempDir(), nil)
	s.SetBuiltIn(Profile{Name: "Local test server", Host: "127.0.0.1", Port: 2121, User: "exchange"})
	def, err := s.Default()
	if err != nil || !def.BuiltIn {
		t.Fatalf("Default on first start = %+v, %v", def, err)
	}
	if err := s.Save(def); err == nil {
		t.Error("the built-in profile could be overwritten")
	}
}

func TestValidateExplainsTheProblem(t *testing.T) {
	good := Profile{Name: "A", Host: "ftp.example", User: "u"}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]Profile{
		"no host":      {Name: "A"},
		"url as host":  {Name: "A", Host: "ftp://x"},
		"bad port":     {Name: "A", Host: "h", Port: 70000},
		"connections":  {Name: "A", Host: "h", Connections: 9},
		"mode":         {Name: "A", Host: "h", Mode: "sideways"},
		"tls":          {Name: "A", Host: "h", TLS: "maybe"},
		"crlf in dir":  {Name: "A", Host: "h", RemoteDir: "/in\r\nDELE x"},
		"temp pattern": {Name: "A", Host: "h", TempPattern: ".part"},
	} {
		if err := p.Validate(); err == nil {
			t.Errorf("%s: accepted %+v", name, p)
		}
	}
}

// TestReplaceRenamesWithPasswordAndDefault: renaming a profile leaves one
// profile, its password follows the new name, and a default stays the
// default; changing the user moves the password to the new user's entry.
func TestReplaceRenamesWithPasswordAndDefault(t *testing.T) {
	keyring.MockInit()
	s, err := OpenStore(t.TempDir(), OSKeychain{})
	if err != nil {
		t.Fatal(err)
	}
	old := Profile{Name: "Agency", Host: "ftp.agency.example", User: "clerk", RemoteDir: "/in"}
	if err := s.Save(old); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPassword(old, "s3cret-one"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDefault(old.Name); err != nil {
		t.Fatal(err)
	}

	renamed := old
	renamed.Name = "Agency (main office)"
	if err := s.Replace(old, renamed); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(old.Name); !errors.Is(err, ErrNotFound) {
		t.Errorf("the old name is still a profile: %v", err)
	}
	if pw, err := s.Password(renamed); err != nil || pw != "s3cret-one" {
		t.Errorf("password under the new name = %q, %v", pw, err)
	}
	if _, err := s.Password(old); !errors.Is(err, ErrNoPassword) {
		t.Errorf("the old keychain entry is still there: %v", err)
	}
	if d, err := s.Default(); err != nil || d.Name != renamed.Name {
		t.Errorf("default = %q, %v; want the renamed profile", d.Name, err)
	}

	newUser := renamed
	newUser.User = "manager"
	if err := s.Replace(renamed, newUser); err != nil {
		t.Fatal(err)
	}
	if pw, err := s.Password(newUser); err != nil || pw != "s3cret-one" {
		t.Errorf("password for the new user = %q, %v", pw, err)
	}
	if _, err := s.Password(renamed); !errors.Is(err, ErrNoPassword) {
		t.Errorf("the old user's keychain entry is still there: %v", err)
	}
	all, _ := s.List()
	n := 0
	for _, p := range all {
		if !p.BuiltIn && !p.ReadOnly {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d user profiles after rename and user change, want 1", n)
	}

	// A rename onto another profile's name is refused, and nothing changes.
	other := Profile{Name: "Other", Host: "ftp.other.example", User: "x", RemoteDir: "/"}
	if err := s.Save(other); err != nil {
		t.Fatal(err)
	}
	clash := newUser
	clash.Name = "other"
	if err := s.Replace(newUser, clash); err == nil {
		t.Error("a rename onto an existing name was accepted")
	}
	if got, _ := s.Get("Other"); got.Host != other.Host {
		t.Errorf("the other profile changed: %+v", got)
	}
}

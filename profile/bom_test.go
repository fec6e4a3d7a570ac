package profile

import (
	"os"
	"path/filepath"
	"testing"
)

// A profiles file saved by Notepad starts with a byte-order mark: both the
// machine-wide file an administrator writes and the user's file still read.
func TestProfilesFilesWithAByteOrderMarkAreRead(t *testing.T) {
	machine := filepath.Join(t.TempDir(), "machine.json")
	if err := os.WriteFile(machine, append([]byte("\xEF\xBB\xBF"), `{"profiles":[{"name":"Office","host":"ftp.office.example","user":"clerk"}]}`...), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EXCHANGE_MACHINE_PROFILES", machine)
	state := t.TempDir()
	if err := os.WriteFile(filepath.Join(state, FileName), append([]byte("\xEF\xBB\xBF"), `{"profiles":[{"name":"Mine","host":"user.example","user":"me"}]}`...), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := OpenStore(state, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Office", "Mine"} {
		if _, err := s.Get(name); err != nil {
			t.Errorf("profile %s from a file with a BOM: %v", name, err)
		}
	}
}

package profile

import (
	"os"
	"path/filepath"
	"testing"
)

// The machine-wide watch goes to the machine-wide default profile unless it
// names one; no folder, or a damaged file, means no watch.
func TestMachineWatch(t *testing.T) {
	dir := t.TempDir()
	profiles := filepath.Join(dir, "profiles.json")
	watchFile := filepath.Join(dir, "watch.json")
	t.Setenv("EXCHANGE_MACHINE_PROFILES", profiles)
	t.Setenv("EXCHANGE_MACHINE_WATCH", "")
	write := func(path, s string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(profiles, `{"profiles":[{"name":"Agency","host":"ftp.agency.example","user":"clerk"}]}`)
	if _, ok := MachineWatch(); ok {
		t.Error("a watch without watch.json")
	}
	write(watchFile, "\ufeff"+`{"dir":"C:\\AIDOWN","after":"keep"}`)
	w, ok := MachineWatch()
	if !ok || w.Dir != `C:\AIDOWN` || w.After != "keep" || w.Profile != "Agency" {
		t.Errorf("MachineWatch = %+v, %v", w, ok)
	}
	write(watchFile, `{"dir":""}`)
	if _, ok := MachineWatch(); ok {
		t.Error("a watch without a folder")
	}
	write(watchFile, `{"dir":`)
	if _, ok := MachineWatch(); ok {
		t.Error("a watch from a damaged file")
	}
	write(watchFile, `{"dir":"/srv/in"}`)
	write(profiles, `{"profiles":[]}`)
	if _, ok := MachineWatch(); ok {
		t.Error("a watch without a machine-wide profile")
	}
}

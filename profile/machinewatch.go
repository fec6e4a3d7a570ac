package profile

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
)

// MachineWatchSetting is the watch folder an administrator set up for every
// user of the computer: the MSI's WATCH_DIR and WATCH_AFTER (on Windows in
// HKLM\Software\Exchange\Watch), or watch.json beside the machine-wide
// profiles file. Its files go to the machine-wide default profile.
type MachineWatchSetting struct {
	Dir     string `json:"dir"`
	After   string `json:"after,omitempty"`   // move (default), keep or delete
	Profile string `json:"profile,omitempty"` // "" means the machine-wide default profile
}

// MachineWatchFile is watch.json beside the machine-wide profiles;
// EXCHANGE_MACHINE_WATCH overrides it.
func MachineWatchFile() string {
	if f := os.Getenv("EXCHANGE_MACHINE_WATCH"); f != "" {
		return f
	}
	return filepath.Join(filepath.Dir(MachineProfilesFile()), "watch.json")
}

// MachineWatch returns the machine-wide watch, with its profile's name,
// when an administrator set one up and a machine-wide profile exists.
func MachineWatch() (MachineWatchSetting, bool) {
	w, ok := registryWatch()
	if !ok {
		raw, err := os.ReadFile(MachineWatchFile())
		if err != nil || json.Unmarshal(withoutBOM(raw), &w) != nil {
			return MachineWatchSetting{}, false
		}
	}
	if w.Dir == "" {
		return MachineWatchSetting{}, false
	}
	if w.Profile == "" {
		name, err := machineDefaultName()
		if err != nil {
			return MachineWatchSetting{}, false
		}
		w.Profile = name
	}
	return w, true
}

// machineDefaultName is the machine-wide default profile: the one the MSI
// wrote to the registry, else the first of the machine-wide file.
func machineDefaultName() (string, error) {
	if p, ok := registryProfile(); ok {
		return p.Name, nil
	}
	ps, err := MachineProfiles()
	if err != nil {
		return "", err
	}
	if len(ps) == 0 {
		return "", errors.New("no machine-wide profile")
	}
	return ps[0].Name, nil
}

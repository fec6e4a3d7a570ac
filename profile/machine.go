package profile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// MachineProfilesFile is where an administrator puts profiles for every user
// of the computer (read-only for them). EXCHANGE_MACHINE_PROFILES overrides it.
func MachineProfilesFile() string {
	if f := os.Getenv("EXCHANGE_MACHINE_PROFILES"); f != "" {
		return f
	}
	switch runtime.GOOS {
	case "windows":
		base := os.Getenv("ProgramData")
		if base == "" {
			base = `C:\ProgramData`
		}
		return filepath.Join(base, "Exchange", FileName)
	case "darwin":
		return "/Library/Application Support/Exchange/" + FileName
	}
	return "/etc/exchange/" + FileName
}

// MachineProfiles reads the machine-wide profiles: the file, plus (on
// Windows) the default profile the MSI wrote to the registry.
func MachineProfiles() ([]Profile, error) {
	var out []Profile
	raw, err := os.ReadFile(MachineProfilesFile())
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("read machine profiles: %w", err)
	default:
		var f fileFormat
		if err := json.Unmarshal(withoutBOM(raw), &f); err != nil {
			return nil, fmt.Errorf("machine profiles file %s is damaged: %w", MachineProfilesFile(), err)
		}
		out = append(out, f.Profiles...)
	}
	if p, ok := registryProfile(); ok {
		out = append(out, p)
	}
	for i := range out {
		out[i].ReadOnly = true
	}
	return out, nil
}

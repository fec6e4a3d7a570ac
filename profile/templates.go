package profile

import (
	"os"
	"path/filepath"
)

// MachineTemplatesDir is the folder where an administrator puts Excel import
// templates (*.json) for every user of the computer: "templates" beside the
// machine-wide profiles file (C:\ProgramData\Exchange\templates,
// /etc/exchange/templates…). EXCHANGE_MACHINE_TEMPLATES overrides it.
func MachineTemplatesDir() string {
	if d := os.Getenv("EXCHANGE_MACHINE_TEMPLATES"); d != "" {
		return d
	}
	return filepath.Join(filepath.Dir(MachineProfilesFile()), "templates")
}

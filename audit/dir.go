package audit

import (
	"os"
	"path/filepath"
	"runtime"
)

// DirVariable overrides the trail's folder.
const DirVariable = "EXCHANGE_AUDIT_DIR"

// Dir is where the trail goes: EXCHANGE_AUDIT_DIR; else the machine's log
// folder when this user can write a file there; else the user's own folder.
func Dir() string {
	if d := os.Getenv(DirVariable); d != "" {
		return d
	}
	if d := machineDir(); d != "" && probe(d) == nil {
		return d
	}
	return userDir()
}

// machineDir is the machine-wide log folder for Exchange's audit.
func machineDir() string {
	switch runtime.GOOS {
	case "windows":
		if pd := os.Getenv("ProgramData"); pd != "" {
			return filepath.Join(pd, "Exchange", "audit")
		}
		return ""
	case "darwin":
		return "/Library/Logs/Exchange"
	}
	return "/var/log/exchange"
}

// userDir is the user's own state folder for the audit: %LocalAppData% on
// Windows, ~/Library/Logs on macOS, $XDG_STATE_HOME (~/.local/state) elsewhere.
func userDir() string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		if la := os.Getenv("LOCALAPPDATA"); la != "" {
			return filepath.Join(la, "Exchange", "audit")
		}
	case "darwin":
		return filepath.Join(home, "Library", "Logs", "Exchange", "audit")
	default:
		if s := os.Getenv("XDG_STATE_HOME"); s != "" {
			return filepath.Join(s, "exchange", "audit")
		}
	}
	return filepath.Join(home, ".local", "state", "exchange", "audit")
}

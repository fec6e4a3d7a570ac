//go:build !windows

package autostart

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// entryFile is the autostart file of this system and its content for exe.
func entryFile() (string, error) {
	if runtime.GOOS == "darwin" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "LaunchAgents", Label+".plist"), nil
	}
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "autostart", "exchange.desktop"), nil
}

func entryContent(exe string) string {
	if runtime.GOOS == "darwin" {
		return launchAgent(exe)
	}
	return desktopEntry(exe)
}

func enabled() (bool, error) {
	f, err := entryFile()
	if err != nil {
		return false, err
	}
	_, err = os.Stat(f)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

func enable(exe string) error {
	f, err := entryFile()
	if err != nil {
		return fmt.Errorf("start at login: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
		return fmt.Errorf("start at login: %w", err)
	}
	if err := os.WriteFile(f, []byte(entryContent(exe)), 0o644); err != nil {
		return fmt.Errorf("start at login: %w", err)
	}
	return nil
}

func disable() error {
	f, err := entryFile()
	if err != nil {
		return fmt.Errorf("start at login: %w", err)
	}
	if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("start at login: %w", err)
	}
	return nil
}

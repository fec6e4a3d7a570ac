package app

import (
	"os"
	"path/filepath"
	"testing"
)

// TestStateDir: the flag first, then EXCHANGE_STATE_DIR, then "Exchange" in
// the user's config folder (moved here from cli, which now asks the
// composition root).
func TestStateDir(t *testing.T) {
	t.Setenv("EXCHANGE_STATE_DIR", "/tmp/from-env")
	if d, _ := StateDir("/tmp/flag"); d != "/tmp/flag" {
		t.Errorf("flag not preferred: %s", d)
	}
	if d, _ := StateDir(""); d != "/tmp/from-env" {
		t.Errorf("env not used: %s", d)
	}
	t.Setenv("EXCHANGE_STATE_DIR", "")
	base, err := os.UserConfigDir()
	d, derr := StateDir("")
	if err != nil {
		if derr == nil {
			t.Errorf("no config folder, yet StateDir gave %s", d)
		}
		return
	}
	if d != filepath.Join(base, "Exchange") {
		t.Errorf("default = %s", d)
	}
}

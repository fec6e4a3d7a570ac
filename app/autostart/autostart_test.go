package autostart

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// On Linux the entry is an XDG autostart file under XDG_CONFIG_HOME: on,
// it holds the program quoted as the specification says; off, it is gone.
func TestStartAtLoginOnLinux(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the XDG autostart file is Linux's")
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	if on, err := Enabled(); on || err != nil {
		t.Fatalf("Enabled before = %v, %v", on, err)
	}
	exe := `/opt/My "Apps"/exchange-gui`
	if err := Enable(exe); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "autostart", "exchange.desktop"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `Exec="/opt/My \\"Apps\\"/exchange-gui"`) || !strings.HasPrefix(string(raw), "[Desktop Entry]\n") {
		t.Errorf("autostart file:\n%s", raw)
	}
	if on, err := Enabled(); !on || err != nil {
		t.Errorf("Enabled after Enable = %v, %v", on, err)
	}
	if err := Disable(); err != nil {
		t.Fatal(err)
	}
	if on, _ := Enabled(); on {
		t.Error("still enabled after Disable")
	}
	if err := Disable(); err != nil {
		t.Errorf("Disable twice: %v", err)
	}
}

// The macOS agent and the Windows Run value for a path with spaces and an ampersand.
func TestStartAtLoginEntries(t *testing.T) {
	exe := `/Applications/Tom & Jerry/Exchange.app/Contents/MacOS/exchange`
	agent := launchAgent(exe)
	if !strings.Contains(agent, "<string>/Applications/Tom &amp; Jerry/Exchange.app/Contents/MacOS/exchange</string>") ||
		!strings.Contains(agent, "<key>RunAtLoad</key>\n\t<true/>") || !strings.Contains(agent, Label) {
		t.Errorf("launch agent:\n%s", agent)
	}
	if got := runValue(`C:\Program Files\Exchange\Exchange.exe`); got != `"C:\Program Files\Exchange\Exchange.exe"` {
		t.Errorf("run value %s", got)
	}
}

// Package autostart turns "Start Exchange when I log in" on and off for the
// person logged in, the way each system expects it: an XDG autostart file on
// Linux (~/.config/autostart/exchange.desktop), a value under the HKCU Run
// key on Windows, a LaunchAgent on macOS. It never needs administrator
// rights, and it never imports Fyne.
package autostart

import (
	"fmt"
	"strings"
)

// Name is the entry's name (the desktop file, the Run value, the agent's label).
const (
	Name  = "Exchange"
	Label = "com.exchange.uploader"
)

// Enabled reports whether Exchange starts when this person logs in.
func Enabled() (bool, error) { return enabled() }

// Enable makes exe (the window program) start when this person logs in.
func Enable(exe string) error {
	if exe == "" {
		return fmt.Errorf("start at login: no program given")
	}
	return enable(exe)
}

// Disable stops Exchange from starting at login; it is not an error when it did not.
func Disable() error { return disable() }

// desktopEntry is the XDG autostart file for exe.
func desktopEntry(exe string) string {
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=" + Name + "\n" +
		"Comment=Sends the files of watched folders on their own\n" +
		"Exec=" + desktopQuote(exe) + "\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n"
}

// desktopQuote quotes one argument of an Exec line as the Desktop Entry
// specification says: in double quotes, with ", `, $ and \ escaped by a
// backslash (and that backslash doubled, the value being a string).
func desktopQuote(s string) string {
	var b strings.Builder
	b.WriteString(`"`)
	for _, r := range s {
		switch r {
		case '"', '`', '$', '\\':
			b.WriteString(`\\`)
		}
		b.WriteRune(r)
	}
	b.WriteString(`"`)
	return b.String()
}

// launchAgent is the macOS LaunchAgent for exe.
func launchAgent(exe string) string {
	var esc strings.Builder
	for _, r := range exe {
		switch r {
		case '&':
			esc.WriteString("&amp;")
		case '<':
			esc.WriteString("&lt;")
		case '>':
			esc.WriteString("&gt;")
		default:
			esc.WriteRune(r)
		}
	}
	return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>` + Label + `</string>
	<key>ProgramArguments</key>
	<array>
		<string>` + esc.String() + `</string>
	</array>
	<key>RunAtLoad</key>
	<true/>
</dict>
</plist>
`
}

// runValue is the HKCU Run value for exe: the path in quotes (it may hold spaces).
func runValue(exe string) string { return `"` + exe + `"` }

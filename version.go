// Package exchange holds what belongs to the whole product: its version, read
// from FyneApp.toml so that the window, the command line and the installers
// all show the one number kept there.
package exchange

import (
	_ "embed"
	"regexp"
)

//go:embed FyneApp.toml
var fyneAppTOML string

var versionLine = regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`)

// Version is the product version, e.g. "0.1.0".
func Version() string {
	if m := versionLine.FindStringSubmatch(fyneAppTOML); m != nil {
		return m[1]
	}
	return "unknown"
}

package exchange

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// buildDate and buildCommit are stamped by the release builds
// (scripts/build-stamp.sh: -ldflags=-X=exchange.buildDate=2026-12-06T08:00:00Z).
// A plain go build leaves them empty; the commit then comes from the go
// command's own VCS stamp when there is one.
var buildDate, buildCommit string

// Build is what a support call starts with: which version, built from what,
// when, for which system.
type Build struct {
	Version   string // FyneApp.toml's, e.g. "0.1.0"
	Commit    string // the git commit it was built from, "" when unknown
	Modified  bool   // built from a work tree with uncommitted changes
	CommitAt  string // that commit's time (RFC 3339), "" when unknown
	BuildDate string // when the release build ran, "" for a developer's build
	GoVersion string // e.g. "go1.26.8"
	OSArch    string // e.g. "windows/amd64"
}

// BuildFacts reads the facts the Go toolchain and the release build
// stamped into this executable.
func BuildFacts() Build {
	b := Build{
		Version:   Version(),
		BuildDate: buildDate,
		GoVersion: runtime.Version(),
		OSArch:    runtime.GOOS + "/" + runtime.GOARCH,
	}
	if c, modified := strings.CutSuffix(buildCommit, "-modified"); c != "" {
		b.Commit, b.Modified = c, modified
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value
		case "vcs.time":
			b.CommitAt = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// Package about gathers what a support call starts with ("which version,
// built from what, and where does it keep its files?") for the window's
// About dialog and `exchange version --verbose`, in one place so that both
// say the same.
package about

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	exchange "exchange"
	"exchange/profile"
)

// Fact is one line of the About information.
type Fact struct {
	Label string
	Value string
}

// LogDir is where Exchange writes its log files, given the state folder.
// The window also keeps its log in memory (the Log tab).
var LogDir = func(stateDir string) string { return filepath.Join(stateDir, "logs") }

// Facts lists the build facts and the folders, in the order shown.
func Facts() []Fact {
	return factsOf(exchange.BuildFacts(), profile.StateDir)
}

func factsOf(b exchange.Build, stateDir func() (string, error)) []Fact {
	commit := orUnknown(b.Commit)
	if b.Modified {
		commit += " (with uncommitted changes)"
	}
	if b.CommitAt != "" {
		commit += ", committed " + b.CommitAt
	}
	built := b.BuildDate
	if built == "" {
		built = "unknown (a developer's build)"
	}
	state, logs := "unknown", "unknown"
	if dir, err := stateDir(); err != nil {
		state = fmt.Sprintf("unknown (%v)", err)
	} else {
		state = dir
		logs = LogDir(dir)
		if _, err := os.Stat(logs); err != nil {
			logs += " (not created yet)"
		}
	}
	return []Fact{
		{"Version", b.Version},
		{"Commit", commit},
		{"Build date", built},
		{"Go version", b.GoVersion},
		{"OS/arch", b.OSArch},
		{"State folder", state},
		{"Log folder", logs},
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// Text is the facts as "Label: value" lines, what Copy puts on the clipboard.
func Text(facts []Fact) string {
	var b strings.Builder
	b.WriteString("Exchange\n")
	for _, f := range facts {
		fmt.Fprintf(&b, "%s: %s\n", f.Label, f.Value)
	}
	return b.String()
}

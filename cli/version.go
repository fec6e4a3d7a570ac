package cli

import (
	"flag"
	"fmt"
	"strings"

	exchange "exchange"
	"exchange/internal/about"
)

func init() {
	commands["version"] = command{
		summary: "print the version: exchange version [--verbose] (also exchange --version)",
		run:     runVersion,
	}
	flagCommands["--version"] = "version"
	flagCommands["-version"] = "version"
}

// flagCommands are the options that stand for a whole command, as
// `exchange --version` does for `exchange version`.
var flagCommands = map[string]string{}

func runVersion(e env) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	verbose := fs.Bool("verbose", false, "also the commit, build date, Go version, OS/arch and the state and log folders (what support asks for)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: exchange version [--verbose]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(e.args); err != nil {
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return ExitUsage
	}
	if !*verbose {
		fmt.Fprintln(e.stdout, "exchange", exchange.Version())
		return ExitOK
	}
	// A folder name may hold any character: each line is shown safely.
	for _, line := range strings.SplitAfter(strings.TrimSuffix(about.Text(about.Facts()), "\n"), "\n") {
		fmt.Fprintln(e.stdout, safeText(strings.TrimSuffix(line, "\n")))
	}
	return ExitOK
}

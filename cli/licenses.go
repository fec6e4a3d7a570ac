package cli

import (
	"fmt"

	"exchange/internal/notices"
)

func init() {
	commands["licenses"] = command{
		summary: "print Exchange's licence and the third-party notices (also exchange --licenses)",
		run:     runLicenses,
	}
	flagCommands["--licenses"] = "licenses"
}

func runLicenses(e env) int {
	if len(e.args) > 0 {
		fmt.Fprintln(e.stderr, "usage: exchange licenses")
		return ExitUsage
	}
	text, ok := notices.Text()
	if !ok {
		fmt.Fprintln(e.stderr, "exchange licenses:", notices.Missing)
		return ExitFailed
	}
	fmt.Fprint(e.stdout, text)
	return ExitOK
}

// Package cli implements the exchange command line: one file per subcommand,
// all driving the same validate and uploader packages as the window does.
//
// Exit codes: 0 all good, 1 a file was invalid or failed, 2 usage or I/O error
// (standard output closed included), 130 interrupted (Ctrl-C, SIGTERM).
package cli

import (
	"fmt"
	"io"
	"sort"
)

// Exit codes shared by every subcommand.
const (
	ExitOK     = 0
	ExitFailed = 1 // a file was invalid or could not be sent
	ExitUsage  = 2 // bad arguments, or an I/O error before any work
)

// env is what a subcommand gets: its arguments and the process streams.
type env struct {
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// logLevel is --log-level (or EXCHANGE_LOG_LEVEL), for the log file (logfile.go).
	logLevel string
}

type command struct {
	summary string
	run     func(e env) int
}

// commands is the table of subcommands. Each lives in its own file.
var commands = map[string]command{}

// Run executes the command line args (without the program name) and returns the exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	logLevel, args, err := globalLogLevel(args)
	if err != nil {
		fmt.Fprintf(stderr, "exchange: %s\n", safeText(err.Error()))
		return ExitUsage
	}
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	if name, ok := flagCommands[args[0]]; ok {
		args = append([]string{name}, args[1:]...)
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "exchange: unknown command %q\n\n", args[0])
		usage(stderr)
		return ExitUsage
	}
	ignoreBrokenPipe()
	out := &closedOutput{w: stdout}
	code := cmd.run(env{args: args[1:], stdin: stdin, stdout: out, stderr: stderr, logLevel: logLevel})
	if err := out.unreported(); err != nil && code != ExitInterrupted {
		fmt.Fprintf(stderr, "exchange %s: standard output was closed before everything was written (%s); the command went on to the end\n",
			args[0], safeText(err.Error()))
		return ExitUsage
	}
	return code
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: exchange [--log-level debug|info|warn|error] <command> [options]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
}

package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"exchange/logfile"
	"exchange/profile"
	"exchange/transport"
)

// globalLogLevel takes `--log-level LEVEL` (or --log-level=LEVEL) from
// before the command: `exchange --log-level debug upload ...`.
func globalLogLevel(args []string) (string, []string, error) {
	level := os.Getenv(logfile.LevelVariable)
	for len(args) > 0 {
		switch a := args[0]; {
		case a == "--log-level" || a == "-log-level":
			if len(args) < 2 {
				return "", nil, fmt.Errorf("--log-level needs a level: debug, info, warn or error")
			}
			level, args = args[1], args[2:]
		case strings.HasPrefix(a, "--log-level=") || strings.HasPrefix(a, "-log-level="):
			level, args = a[strings.Index(a, "=")+1:], args[1:]
		default:
			if _, err := logfile.ParseLevel(level); err != nil {
				return "", nil, err
			}
			return level, args, nil
		}
	}
	_, err := logfile.ParseLevel(level)
	return level, args, err
}

// openLog opens the log file of a command that works with servers. When it
// cannot be opened the command goes on with a note and without a file.
func openLog(e env, command string) (*slog.Logger, func()) {
	level, _ := logfile.ParseLevel(e.logLevel) // checked by Run
	l, err := logfile.Open(logfile.Options{Level: level})
	if err != nil {
		fmt.Fprintf(e.stderr, "exchange %s: note: no log file: %s\n", command, safeText(err.Error()))
		return logfile.Discard(), func() {}
	}
	return l.With("command", command), func() { _ = l.Close() }
}

// protocolToLog sends the FTP protocol to the log at debug level (PASS is
// redacted at the source and again by the log), when debug is on.
func protocolToLog(log *slog.Logger) func(context.Context, profile.Profile, *transport.Config) {
	if !log.Enabled(context.Background(), slog.LevelDebug) {
		return nil
	}
	return func(_ context.Context, p profile.Profile, c *transport.Config) {
		c.Log = func(line string) { log.Debug(line, "source", "ftp", "profile", p.Name) }
	}
}

// Package logfile writes the application's own log (log/slog) to a file in
// the user's log folder, rotated by size (gopkg.in/natefinch/lumberjack.v2),
// for a support case: what the program did, the FTP protocol too at debug
// level. Passwords and keys never reach it: every message and value passes
// through Redact (FTP PASS lines, passwords in URLs, attributes named like
// a secret).
package logfile

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"gopkg.in/natefinch/lumberjack.v2"

	"exchange/internal/rotate"
	"exchange/transport"
)

// DirVariable overrides the log folder; LevelVariable sets the level when
// no --log-level is given.
const (
	DirVariable   = "EXCHANGE_LOG_DIR"
	LevelVariable = "EXCHANGE_LOG_LEVEL"
	FileName      = "exchange.log"
)

// Dir is the user's log folder: EXCHANGE_LOG_DIR, else %LocalAppData%\Exchange\logs
// on Windows, ~/Library/Logs/Exchange on macOS, $XDG_STATE_HOME/exchange/log
// (~/.local/state/exchange/log) elsewhere.
func Dir() string {
	if d := os.Getenv(DirVariable); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		if la := os.Getenv("LOCALAPPDATA"); la != "" {
			return filepath.Join(la, "Exchange", "logs")
		}
	case "darwin":
		return filepath.Join(home, "Library", "Logs", "Exchange")
	default:
		if s := os.Getenv("XDG_STATE_HOME"); s != "" {
			return filepath.Join(s, "exchange", "log")
		}
	}
	return filepath.Join(home, ".local", "state", "exchange", "log")
}

// ParseLevel reads debug, info, warn(ing) or error ("" is info).
func ParseLevel(s string) (slog.Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "info":
		return slog.LevelInfo, nil
	case "debug":
		return slog.LevelDebug, nil
	case "warn", "warning":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return slog.LevelInfo, fmt.Errorf("unknown log level %q: use debug, info, warn or error", s)
}

// Options place and size the log.
type Options struct {
	Dir       string     // "" means Dir()
	Level     slog.Level // the least level written
	MaxSizeMB int        // 0 means 5
	Keep      int        // rotated files kept; 0 means 5
}

// Log is an open log file.
type Log struct {
	*slog.Logger
	file *lumberjack.Logger
	dir  string
}

// Open opens (creating the folder) the log file.
func Open(opts Options) (*Log, error) {
	dir := opts.Dir
	if dir == "" {
		dir = Dir()
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("the log folder %s: %w", dir, err)
	}
	file := rotate.File(dir, FileName, rotate.Limits{MaxSizeMB: opts.MaxSizeMB, Keep: opts.Keep},
		rotate.Limits{MaxSizeMB: 5, Keep: 5})
	h := slog.NewTextHandler(file, &slog.HandlerOptions{Level: opts.Level, ReplaceAttr: redactAttr})
	return &Log{Logger: slog.New(h), file: file, dir: dir}, nil
}

// Dir is the folder of the log's files (for "Open log folder").
func (l *Log) Dir() string { return l.dir }

// Close closes the file.
func (l *Log) Close() error { return l.file.Close() }

// Discard is a logger that writes nothing, for when no file could be opened.
func Discard() *slog.Logger {
	return slog.New(slog.DiscardHandler)
}

// secretKey matches attribute names that hold a secret.
var secretKey = regexp.MustCompile(`(?i)^(pass(word|wd)?|pwd|secret|token|key|private_?key|credentials?|authorization)$`)

// urlPassword matches the password of a URL's user part: scheme://user:PASSWORD@.
var urlPassword = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.-]*://[^\s/:@]*:)[^\s/@]*@`)

// Redact hides secrets in a line of text: an FTP PASS/ACCT command and the
// password in a URL.
func Redact(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = transport.RedactLine(l)
	}
	return urlPassword.ReplaceAllString(strings.Join(lines, "\n"), "${1}xxxxx@")
}

func redactAttr(_ []string, a slog.Attr) slog.Attr {
	if secretKey.MatchString(a.Key) {
		return slog.String(a.Key, "[redacted]")
	}
	switch a.Value.Kind() {
	case slog.KindString:
		return slog.String(a.Key, Redact(a.Value.String()))
	case slog.KindAny:
		if err, ok := a.Value.Any().(error); ok {
			return slog.String(a.Key, Redact(err.Error()))
		}
		return slog.String(a.Key, Redact(a.Value.String()))
	}
	return a
}

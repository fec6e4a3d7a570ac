// Package audit keeps the audit trail: an append-only log of every send
// decision (sent, skipped as a duplicate or by policy, invalid, failed,
// canceled), one JSON object per line, for the question "was this file
// sent, by whom, when, and was it the same file?".
//
// The trail lives in the machine's log folder when this user may write there
// (Windows %ProgramData%\Exchange\audit, /var/log/exchange, macOS
// /Library/Logs/Exchange), else in the user's own state folder (dir.go);
// EXCHANGE_AUDIT_DIR overrides both. Files are rotated by size and the last
// N kept (gopkg.in/natefinch/lumberjack.v2). Each record is one write of one
// whole line to a file opened for appending, so a crash or a kill -9 never
// leaves a torn line. An administrator's policy can make the trail
// mandatory: Exchange then refuses to send when it cannot write it.
package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"sync"
	"time"

	"gopkg.in/natefinch/lumberjack.v2"

	"exchange/internal/rotate"
)

// Outcomes of a decision.
const (
	Sent     = "sent"
	Skipped  = "skipped"
	Invalid  = "invalid"
	Failed   = "failed"
	Canceled = "canceled"
	Removed  = "removed"
)

// Record is one send decision.
type Record struct {
	Time       time.Time `json:"time"`
	User       string    `json:"user"`    // the OS user (DOMAIN\user on Windows)
	Machine    string    `json:"machine"` // the computer's name
	Path       string    `json:"path"`    // the local file
	Size       int64     `json:"size"`
	SHA256     string    `json:"sha256,omitempty"` // of the content checked (and sent)
	Profile    string    `json:"profile,omitempty"`
	Server     string    `json:"server,omitempty"` // host:port
	RemotePath string    `json:"remote_path,omitempty"`
	Outcome    string    `json:"outcome"`
	Reason     string    `json:"reason,omitempty"`
}

// FileName is the current trail file in its folder; rotated files are
// "audit-<time>.jsonl" beside it.
const FileName = "audit.jsonl"

// Options say where the trail goes and how much of it is kept.
type Options struct {
	// Dir is the trail's folder; "" means Dir().
	Dir string
	// MaxSizeMB is the size of a file before it is rotated; 0 means 10.
	MaxSizeMB int
	// Keep is how many rotated files are kept besides the current; 0 means 20.
	Keep int
}

// Trail appends records to the audit files. It is safe for concurrent use.
type Trail struct {
	dir           string
	user, machine string
	mu            sync.Mutex
	log           *lumberjack.Logger
}

// Open opens the trail and checks that it can be written (it creates the
// folder and the file if needed).
func Open(opts Options) (*Trail, error) {
	dir := opts.Dir
	if dir == "" {
		dir = Dir()
	}
	if err := probe(dir); err != nil {
		return nil, fmt.Errorf("the audit trail cannot be written in %s: %w", dir, err)
	}
	file := rotate.File(dir, FileName, rotate.Limits{MaxSizeMB: opts.MaxSizeMB, Keep: opts.Keep},
		rotate.Limits{MaxSizeMB: 10, Keep: 20})
	return &Trail{dir: dir, user: currentUser(), machine: machineName(), log: file}, nil
}

// probe makes the folder and opens the trail file for appending.
func probe(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, FileName), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	return f.Close()
}

// Dir is the folder of the trail's files.
func (t *Trail) Dir() string { return t.dir }

// Append writes one record, filling in the time (when zero), the user and the
// machine. The line goes to the file in one write.
func (t *Trail) Append(r Record) error {
	if r.Time.IsZero() {
		r.Time = time.Now()
	}
	r.Time = r.Time.UTC()
	if r.User == "" {
		r.User = t.user
	}
	if r.Machine == "" {
		r.Machine = t.machine
	}
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	line = append(line, '\n')
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, err := t.log.Write(line); err != nil {
		return fmt.Errorf("write the audit trail in %s: %w", t.dir, err)
	}
	return nil
}

// Close closes the current file.
func (t *Trail) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.log.Close()
}

func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, v := range []string{"USERNAME", "USER", "LOGNAME"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return "unknown"
}

func machineName() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "unknown"
}

// ErrRequired marks a trail that an administrator requires and that cannot
// be written: nothing may be sent.
var ErrRequired = errors.New("your administrator requires the audit trail, and it cannot be written: nothing is sent")

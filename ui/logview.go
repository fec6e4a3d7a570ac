package ui

import (
	"strings"
	"sync"
	"time"

	"exchange/transport"
)

// LogBuffer keeps the last lines of the protocol log and of the service's
// events. Passwords never reach it: PASS lines are redacted again here in
// case a line comes from elsewhere than transport.
type LogBuffer struct {
	mu sync.Mutex
	// lines is a ring once full: the oldest line is at start, and a new line
	// takes its place, so that adding costs the same however long the log.
	lines    []string
	start    int
	max      int
	onChange func()
	// conns is how many connections have been given a number.
	conns int
}

// NewLogBuffer keeps the last max lines.
func NewLogBuffer(max int) *LogBuffer { return &LogBuffer{max: max} }

// Add appends one line with the time.
func (b *LogBuffer) Add(line string) { b.add("", line) }

// add appends one line with the time and tag (a connection's "#3 "); the
// line is redacted before the tag goes in front of it.
func (b *LogBuffer) add(tag, line string) {
	line = time.Now().Format("15:04:05 ") + tag + transport.RedactLine(strings.TrimRight(line, "\r\n"))
	b.mu.Lock()
	if len(b.lines) < b.max {
		b.lines = append(b.lines, line)
	} else {
		b.lines[b.start] = line
		b.start = (b.start + 1) % b.max
	}
	cb := b.onChange
	b.mu.Unlock()
	if cb != nil {
		cb()
	}
}

func (b *LogBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.lines)
}

func (b *LogBuffer) Line(i int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if i < 0 || i >= len(b.lines) {
		return ""
	}
	return b.lines[(b.start+i)%len(b.lines)]
}

// Text is the whole log, for copying.
func (b *LogBuffer) Text() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	ordered := append(append([]string(nil), b.lines[b.start:]...), b.lines[:b.start]...)
	return strings.Join(ordered, "\n")
}

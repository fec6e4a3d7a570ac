package ui

import (
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

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
}

// NewLogBuffer keeps the last max lines.
func NewLogBuffer(max int) *LogBuffer { return &LogBuffer{max: max} }

// Add appends one line with the time.
func (b *LogBuffer) Add(line string) {
	line = time.Now().Format("15:04:05 ") + transport.RedactLine(strings.TrimRight(line, "\r\n"))
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

// newLogView shows the log, newest at the bottom, following it as it grows.
func newLogView(b *LogBuffer, a fyne.App) fyne.CanvasObject {
	list := widget.NewList(b.Len,
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.TextStyle = fyne.TextStyle{Monospace: true}
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(b.Line(i)) })
	pending := false
	var mu sync.Mutex
	b.mu.Lock()
	b.onChange = func() {
		mu.Lock()
		if pending {
			mu.Unlock()
			return
		}
		pending = true
		mu.Unlock()
		go func() {
			time.Sleep(200 * time.Millisecond) // at most 5 redraws a second
			mu.Lock()
			pending = false
			mu.Unlock()
			onUI(func() {
				list.Refresh()
				list.ScrollToBottom()
			})
		}()
	}
	b.mu.Unlock()
	copyAll := widget.NewButton("Copy log", func() { a.Clipboard().SetContent(b.Text()) })
	note := widget.NewLabel("The FTP conversation of every connection. Passwords are shown as ****.")
	return container.NewBorder(container.NewBorder(nil, nil, nil, copyAll, note), nil, nil, nil, list)
}

package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"exchange/internal/units"
)

// overallText says in words what the queue is doing, for the line above
// the tabs: "Sending 3 of 12 to Agency · 1 failed · 16.3 MB/s · 8 s left".
// server names where the files go ("" when they go to several servers).
func overallText(t totals, server string, paused bool) string {
	if t.Files == 0 {
		return lang.L("No files yet")
	}
	to := ""
	if server != "" {
		to = fmt.Sprintf(lang.L(" to %s"), server)
	}
	toSend := t.Files - t.Invalid - t.Skipped
	pending := toSend - t.Sent - t.Failed
	var head string
	switch {
	case toSend == 0:
		head = lang.L("Nothing to send")
	case pending == 0 && t.Sent == toSend:
		head = fmt.Sprintf(lang.L("All %d sent%s"), toSend, to)
		if toSend == 1 {
			head = lang.L("Sent") + to
		}
	case pending == 0:
		head = fmt.Sprintf(lang.L("%d of %d sent%s"), t.Sent, toSend, to)
	case paused:
		head = fmt.Sprintf(lang.L("Paused: %d of %d sent%s"), t.Sent, toSend, to)
	case t.Active > 0:
		head = fmt.Sprintf(lang.L("Sending %d of %d%s"), min(t.Sent+t.Failed+t.Active, toSend), toSend, to)
	default:
		head = fmt.Sprintf(lang.L("Checking files: %d of %d sent%s"), t.Sent, toSend, to)
	}
	parts := []string{head}
	for _, c := range []struct {
		n    int
		word string
	}{{t.Failed, lang.N("{{.Count}} failed", t.Failed, counted(t.Failed))}, {t.Invalid, lang.N("{{.Count}} invalid, not sent", t.Invalid, counted(t.Invalid))}, {t.Skipped, lang.N("{{.Count}} skipped", t.Skipped, counted(t.Skipped))}} {
		if c.n > 0 {
			parts = append(parts, c.word)
		}
	}
	if t.Rate > 0 && pending > 0 && !paused {
		parts = append(parts, units.Rate(t.Rate))
		if left := t.Total - t.Bytes; left > 0 {
			parts = append(parts, timeLeft(time.Duration(float64(left)/t.Rate*float64(time.Second))))
		}
	}
	return strings.Join(parts, " · ")
}

// pendingFiles counts the files still to send.
func (t totals) pendingFiles() int {
	return t.Files - t.Invalid - t.Skipped - t.Sent - t.Failed
}

// server names the server of the files in the queue: the one name when
// they all go to one, "" when there are several (or none).
func (m *queueModel) server() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	name := ""
	for _, r := range m.rows {
		switch {
		case r.Profile == "" || r.Profile == name:
		case name == "":
			name = r.Profile
		default:
			return ""
		}
	}
	return name
}

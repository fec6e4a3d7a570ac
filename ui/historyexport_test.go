package ui

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// nopCloser is a buffer that records its Close.
type nopCloser struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	closed bool
}

func (n *nopCloser) Write(p []byte) (int, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.buf.Write(p)
}
func (n *nopCloser) Close() error { n.mu.Lock(); defer n.mu.Unlock(); n.closed = true; return nil }

// History → Export… writes the entries of the days asked for as CSV.
func TestHistoryExportWritesCSVForTheDays(t *testing.T) {
	h := newHarness(t)
	good, bad := h.sendTwo()
	out := &nopCloser{}
	var savedAs string
	h.win.deps.SaveFile = func(name string, done func(io.WriteCloser, error)) { savedAs = name; done(out, nil) }
	h.openHistory()
	h.tapButton(h.win.win.Content(), "Export…")
	d := h.waitDialog("Export the history as CSV")
	h.tapButton(d, "Export…")
	h.waitFor("the CSV to be written", func() bool { out.mu.Lock(); defer out.mu.Unlock(); return out.closed })
	rows, err := csv.NewReader(strings.NewReader(out.buf.String())).ReadAll()
	if err != nil || len(rows) != 3 || rows[0][1] != "outcome" {
		t.Fatalf("CSV %q: %v", out.buf.String(), err)
	}
	got := rows[1][2] + " " + rows[2][2]
	if !strings.Contains(got, good) || !strings.Contains(got, bad) {
		t.Errorf("rows %q, want %s and %s", rows, good, bad)
	}
	if !strings.HasPrefix(savedAs, "exchange-history-"+time.Now().Format("2006-01")) || !strings.HasSuffix(savedAs, ".csv") {
		t.Errorf("suggested name %q", savedAs)
	}
}

package ui

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"

	"exchange/internal/units"
	"exchange/uploader"
	"exchange/validate/report"
)

// row is what the list shows of one file.
type row struct {
	ID      uploader.ItemID
	Path    string
	Name    string
	Profile string // the server's profile it goes to
	Size    int64
	Kind    report.Kind
	State   uploader.EventKind
	Report  *report.Report

	Bytes, Total int64
	Rate         float64
	ETA          time.Duration

	RemotePath string
	Note       string
	Err        string
	Hint       string
	RetryIn    time.Duration

	Seq uint64 // the number of the last event applied (uploader.Event.Seq)
}

// Finished says the row will not move again by itself.
func (r row) Finished() bool {
	switch r.State {
	case uploader.EventDone, uploader.EventSkipped, uploader.EventFailed, uploader.EventCanceled, uploader.EventInvalid:
		return true
	}
	return false
}

// Progress is the fraction of the file on the server.
func (r row) Progress() float64 {
	switch {
	case r.State == uploader.EventDone:
		return 1
	case r.Total > 0:
		return float64(r.Bytes) / float64(r.Total)
	}
	return 0
}

// StatusText is the one-word state a clerk reads first.
func (r row) StatusText() string {
	switch r.State {
	case uploader.EventQueued:
		return lang.L("Queued")
	case uploader.EventValidating:
		return lang.L("Checking…")
	case uploader.EventInvalid:
		return lang.L("Not sent: invalid")
	case uploader.EventWaiting:
		return lang.L("Ready to send")
	case uploader.EventConnecting:
		return lang.L("Connecting…")
	case uploader.EventUploading:
		return lang.L("Sending")
	case uploader.EventVerifying:
		return lang.L("Verifying…")
	case uploader.EventRetrying:
		return lang.L("Retrying")
	case uploader.EventDone:
		return lang.L("Sent")
	case uploader.EventSkipped:
		return lang.L("Skipped")
	case uploader.EventFailed:
		return lang.L("Failed")
	case uploader.EventCanceled:
		return lang.L("Canceled")
	}
	return string(r.State)
}

// VerdictText sums up validation: "Valid", "Valid, 2 warnings", "Invalid: 3 errors".
func (r row) VerdictText() string {
	if r.Report == nil {
		return ""
	}
	errs, warns := r.Report.ErrorCount(), r.Report.WarningCount()
	switch {
	case errs > 0:
		return lang.N("Invalid: {{.Count}} errors", errs, counted(errs))
	case warns > 0:
		return lang.N("Valid, {{.Count}} warnings", warns, counted(warns))
	}
	return lang.L("Valid")
}

// DetailText is the second line: progress, the error and what to do, or where it went.
func (r row) DetailText() string {
	switch r.State {
	case uploader.EventUploading, uploader.EventVerifying:
		return progressText(r.Bytes, r.Total, r.Rate, r.ETA)
	case uploader.EventRetrying:
		return fmt.Sprintf(lang.L("%s — trying again in %s"), r.Err, r.RetryIn.Round(time.Second))
	case uploader.EventFailed:
		if r.Hint != "" {
			return r.Hint + " (" + r.Err + ")"
		}
		return r.Err
	case uploader.EventDone:
		return fmt.Sprintf(lang.L("on the server as %s"), r.RemotePath)
	case uploader.EventInvalid:
		if r.Report != nil && len(r.Report.Errors()) > 0 {
			return findingText(r.Report.Errors()[0])
		}
	}
	return r.Note
}

// queueModel holds the rows in the order they were added. The service's
// goroutines write it, the list reads it: it has its own lock.
type queueModel struct {
	mu      sync.Mutex
	rows    []storedRow
	index   map[uploader.ItemID]int
	removed map[uploader.ItemID]bool // a late snapshot must not bring them back
}

func newQueueModel() *queueModel {
	return &queueModel{index: map[uploader.ItemID]int{}, removed: map[uploader.ItemID]bool{}}
}

func (m *queueModel) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.rows)
}

func (m *queueModel) At(i int) (row, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if i < 0 || i >= len(m.rows) {
		return row{}, false
	}
	return m.rows[i].row(), true
}

// Apply folds one event into the model and returns the index of the row that
// changed (-1 for none, -2 when rows were removed and the whole list must be
// redrawn). An event (or a snapshot replayed as one) older than what its row
// shows is left out, as is any for a removed row (Seq 0: no number, applied).
func (m *queueModel) Apply(ev uploader.Event) int {
	if ev.Item == "" {
		return -1
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	i, ok := m.index[ev.Item]
	if m.removed[ev.Item] || ok && ev.Seq != 0 && ev.Seq <= m.rows[i].Seq {
		return -1
	}
	if ev.Kind == uploader.EventRemoved {
		m.removed[ev.Item] = true
		if !ok {
			return -1
		}
		m.rows = append(m.rows[:i], m.rows[i+1:]...)
		delete(m.index, ev.Item)
		for j := i; j < len(m.rows); j++ {
			m.index[m.rows[j].ID] = j
		}
		return -2
	}
	if !ok {
		r := storedRow{ID: ev.Item, Path: ev.Path}
		if info, err := os.Stat(ev.Path); err == nil {
			r.Size = info.Size()
		}
		m.rows = append(m.rows, r)
		i = len(m.rows) - 1
		m.index[ev.Item] = i
	}
	r := &m.rows[i]
	r.State = ev.Kind
	if ev.Seq != 0 {
		r.Seq = ev.Seq
	}
	if ev.Profile != "" {
		r.Profile = ev.Profile
	}
	if ev.Report != nil {
		r.Report = ev.Report
	}
	switch ev.Kind {
	case uploader.EventUploading, uploader.EventVerifying:
		if ev.Total > 0 {
			r.Bytes, r.Total, r.Rate, r.ETA = ev.Bytes, ev.Total, float32(ev.Rate), ev.ETA
		}
	case uploader.EventRetrying:
		r.setTrouble(ev.Err, ev.Hint, ev.RetryIn)
	case uploader.EventFailed:
		r.setTrouble(ev.Err, ev.Hint, 0)
	case uploader.EventDone:
		r.RemotePath, r.Bytes = ev.RemotePath, r.Total
	case uploader.EventConnecting, uploader.EventWaiting:
		r.setTrouble("", "", 0)
	}
	if ev.Note != "" {
		r.trouble().Note = ev.Note
	}
	return i
}

// Summary is the overall bar's line: "1 of 2 sent · 1 skipped · 1 failed ·
// 3.2 MB/s · 8 s left". A skipped file (already sent, or the profile says
// skip) is neither sent nor still to send.
func (t totals) Summary() string {
	parts := []string{fmt.Sprintf(lang.L("%d of %d sent"), t.Sent, t.Files-t.Invalid-t.Skipped)}
	for _, c := range []struct {
		n    int
		word string
	}{{t.Skipped, lang.N("{{.Count}} skipped", t.Skipped, counted(t.Skipped))}, {t.Invalid, lang.N("{{.Count}} invalid", t.Invalid, counted(t.Invalid))}, {t.Failed, lang.N("{{.Count}} failed", t.Failed, counted(t.Failed))}} {
		if c.n > 0 {
			parts = append(parts, c.word)
		}
	}
	if t.Rate > 0 {
		parts = append(parts, units.Rate(t.Rate))
		if left := t.Total - t.Bytes; left > 0 {
			parts = append(parts, timeLeft(time.Duration(float64(left)/t.Rate*float64(time.Second))))
		}
	}
	return strings.Join(parts, " · ")
}

// Totals sums up the batch for the overall bar.
type totals struct {
	Files, Sent, Skipped, Failed, Invalid, Active int
	Bytes, Total                                  int64
	Rate                                          float64
}

func (m *queueModel) Totals() totals {
	m.mu.Lock()
	defer m.mu.Unlock()
	var t totals
	for i := range m.rows {
		r := &m.rows[i]
		t.Files++
		switch r.State {
		case uploader.EventDone:
			t.Sent++
		case uploader.EventSkipped:
			t.Skipped++
		case uploader.EventFailed, uploader.EventCanceled:
			t.Failed++
		case uploader.EventInvalid:
			t.Invalid++
			continue
		case uploader.EventUploading, uploader.EventVerifying, uploader.EventConnecting:
			t.Active++
			t.Rate += float64(r.Rate)
		}
		size := r.Size
		if r.Total > 0 {
			size = r.Total
		}
		t.Total += size
		if r.State == uploader.EventDone || r.State == uploader.EventSkipped {
			t.Bytes += size
		} else {
			t.Bytes += r.Bytes
		}
	}
	return t
}

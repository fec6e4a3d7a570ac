package ui

import (
	"testing"
	"time"

	"exchange/uploader"
	"exchange/validate"
)

func TestModelFollowsEvents(t *testing.T) {
	m := newQueueModel()
	id := uploader.ItemID("1")
	m.Apply(uploader.Event{Kind: uploader.EventQueued, Item: id, Path: "/tmp/a.al3"})
	m.Apply(uploader.Event{Kind: uploader.EventWaiting, Item: id, Report: &validate.Report{Kind: validate.KindAL3, Valid: true}})
	m.Apply(uploader.Event{Kind: uploader.EventUploading, Item: id, Bytes: 500, Total: 1000, Rate: 100, ETA: 5 * time.Second})
	r, _ := m.At(0)
	if r.Name != "a.al3" || r.StatusText() != "Sending" || r.Progress() != 0.5 || r.VerdictText() != "Valid" {
		t.Fatalf("row = %+v", r)
	}
	if r.DetailText() != "500 B of 1.0 KB · 100 B/s · 5 s left" {
		t.Errorf("detail = %q", r.DetailText())
	}
	if tot := m.Totals(); tot.Bytes != 500 || tot.Total != 1000 || tot.Active != 1 {
		t.Errorf("totals = %+v", tot)
	}
	m.Apply(uploader.Event{Kind: uploader.EventDone, Item: id, RemotePath: "/in/a.al3"})
	r, _ = m.At(0)
	if !r.Finished() || r.Progress() != 1 || r.DetailText() != "on the server as /in/a.al3" {
		t.Errorf("done row = %+v (%q)", r, r.DetailText())
	}
	if m.Apply(uploader.Event{Kind: uploader.EventRemoved, Item: id}) != -2 || m.Len() != 0 {
		t.Error("remove did not take the row away")
	}
}

func TestInvalidRowSaysWhy(t *testing.T) {
	m := newQueueModel()
	rep := &validate.Report{Kind: validate.KindAL3, Findings: []validate.Finding{
		{Rule: "al3/truncated", Severity: validate.SeverityError, Offset: 7000, Text: "The file ends in the middle of group 6CVH."},
		{Rule: "al3/trailer-count", Severity: validate.SeverityWarning, Text: "Trailer count differs."},
	}}
	m.Apply(uploader.Event{Kind: uploader.EventInvalid, Item: "x", Path: "/tmp/bad.al3", Report: rep})
	r, _ := m.At(0)
	if r.VerdictText() != "Invalid: 1 error" || r.StatusText() != "Not sent: invalid" {
		t.Errorf("verdict %q status %q", r.VerdictText(), r.StatusText())
	}
	if r.DetailText() != "The file ends in the middle of group 6CVH." {
		t.Errorf("detail = %q", r.DetailText())
	}
	if tot := m.Totals(); tot.Invalid != 1 || tot.Total != 0 {
		t.Errorf("an invalid file counts in the bytes to send: %+v", tot)
	}
}

// A file skipped as already sent is not counted as sent: after one send and
// one "No" to "Send it again?", the bar said "2 of 2 sent".
func TestSummaryCountsSkippedApart(t *testing.T) {
	m := newQueueModel()
	m.Apply(uploader.Event{Kind: uploader.EventQueued, Item: "1", Path: "/tmp/a.al3"})
	m.Apply(uploader.Event{Kind: uploader.EventDone, Item: "1", RemotePath: "/a.al3"})
	m.Apply(uploader.Event{Kind: uploader.EventQueued, Item: "2", Path: "/tmp/a.al3"})
	m.Apply(uploader.Event{Kind: uploader.EventSkipped, Item: "2", Note: "already sent"})
	if got, want := m.Totals().Summary(), "1 of 1 sent · 1 skipped"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	m.Apply(uploader.Event{Kind: uploader.EventQueued, Item: "3", Path: "/tmp/b.al3"})
	m.Apply(uploader.Event{Kind: uploader.EventFailed, Item: "3", Err: "refused"})
	if got, want := m.Totals().Summary(), "1 of 2 sent · 1 skipped · 1 failed"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

// The window subscribes, then replays the service's snapshot: a snapshot
// (or an event) older than what a row shows must not put the row back, and
// a removed row stays removed.
func TestModelKeepsTheNewerStateOfARow(t *testing.T) {
	m := newQueueModel()
	m.Apply(uploader.Event{Kind: uploader.EventQueued, Seq: 1, Item: "a", Path: "/tmp/a.al3"})
	m.Apply(uploader.Event{Kind: uploader.EventDone, Seq: 9, Item: "a", RemotePath: "/in/a.al3"})
	m.Apply(uploader.Event{Kind: uploader.EventWaiting, Seq: 4, Item: "a"}) // a snapshot taken earlier
	if r, _ := m.At(0); r.State != uploader.EventDone || r.Seq != 9 {
		t.Errorf("row = %s (seq %d), want done (seq 9)", r.State, r.Seq)
	}
	m.Apply(uploader.Event{Kind: uploader.EventQueued, Seq: 2, Item: "b", Path: "/tmp/b.al3"})
	m.Apply(uploader.Event{Kind: uploader.EventRemoved, Seq: 10, Item: "b"})
	m.Apply(uploader.Event{Kind: uploader.EventWaiting, Seq: 5, Item: "b", Path: "/tmp/b.al3"})
	if m.Len() != 1 {
		t.Errorf("%d rows: a late snapshot brought a removed row back", m.Len())
	}
}

package ui

import (
	"testing"
	"time"
	"unsafe"

	"exchange/uploader"
	"exchange/validate/report"
)

// The model keeps 10,000 files in a large batch: what it keeps of one file
// stays small, and the rows it gives back say all the events said.
func TestStoredRowIsSmallAndLosesNothing(t *testing.T) {
	if got, full := unsafe.Sizeof(storedRow{}), unsafe.Sizeof(row{}); got > 144 || got >= full {
		t.Errorf("a stored row is %d bytes (a row %d): 10,000 files take %d KB in the model", got, full, int(got)*10)
	}
	m := newQueueModel()
	rep := &report.Report{Kind: report.KindAL3, Valid: true}
	m.Apply(uploader.Event{Kind: uploader.EventQueued, Item: "1", Path: "/agency/DL1.AL3", Profile: "Agency"})
	m.Apply(uploader.Event{Kind: uploader.EventWaiting, Item: "1", Report: rep})
	m.Apply(uploader.Event{Kind: uploader.EventRetrying, Item: "1", Err: "connection refused", Hint: "Is the server on?", RetryIn: 5 * time.Second})
	r, _ := m.get("1")
	if r.Name != "DL1.AL3" || r.Kind != report.KindAL3 || r.Profile != "Agency" || r.Err != "connection refused" ||
		r.Hint != "Is the server on?" || r.RetryIn != 5*time.Second {
		t.Errorf("retrying row = %+v", r)
	}
	m.Apply(uploader.Event{Kind: uploader.EventConnecting, Item: "1"})
	m.Apply(uploader.Event{Kind: uploader.EventUploading, Item: "1", Bytes: 50, Total: 100, Rate: 12.5, ETA: 4 * time.Second})
	r, _ = m.get("1")
	if r.Err != "" || r.Hint != "" || r.Rate != 12.5 || r.Bytes != 50 || r.ETA != 4*time.Second {
		t.Errorf("a row sending again still shows the retry's error, or lost its progress: %+v", r)
	}
	m.Apply(uploader.Event{Kind: uploader.EventDone, Item: "1", RemotePath: "/in/DL1.AL3"})
	m.mu.Lock()
	kept := m.rows[0].more
	m.mu.Unlock()
	if kept != nil {
		t.Errorf("a file sent without a note keeps %+v", *kept)
	}
	if r, _ := m.At(0); r.RemotePath != "/in/DL1.AL3" || r.Bytes != 100 {
		t.Errorf("sent row = %+v", r)
	}
}

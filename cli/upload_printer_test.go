package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"exchange/uploader"
	"exchange/validate"
)

func printerEvents() []uploader.Event {
	rep := &validate.Report{Valid: false, Findings: []validate.Finding{{Rule: "al3/truncated", Severity: validate.SeverityError, Text: "the file ends inside a group"}}}
	return []uploader.Event{
		{Kind: uploader.EventQueued, Item: "1", Path: "/x/a.al3"},
		{Kind: uploader.EventUploading, Item: "1", Path: "/x/a.al3", Bytes: 50, Total: 100, Rate: 1000},
		{Kind: uploader.EventDone, Item: "1", Path: "/x/a.al3", RemotePath: "/in/a.al3", Total: 100, Duration: time.Second},
		{Kind: uploader.EventInvalid, Item: "2", Path: "/x/b.al3", Report: rep, Note: "1 error(s)"},
		{Kind: uploader.EventSkipped, Item: "3", Path: "/x/c.al3", Note: "already sent on 2026-11-20 10:00 as /in/c.al3"},
		{Kind: uploader.EventFailed, Item: "4", Path: "/x/d.al3", Err: "STOR: 550", Hint: "Ask the server administrator."},
		{Kind: uploader.EventBatchDone, Sent: 1, Invalid: 1, Skipped: 1, Failed: 1},
	}
}

func TestUploadPrinterPlain(t *testing.T) {
	var out bytes.Buffer
	p := newUploadPrinter(&out, false)
	for _, e := range printerEvents() {
		p.event(e)
	}
	p.finish()
	text := out.String()
	for _, want := range []string{"sent     a.al3 -> /in/a.al3", "INVALID  b.al3", "al3/truncated: the file ends inside a group",
		"skipped  c.al3: already sent on 2026-11-20", "FAILED   d.al3: STOR: 550", "Ask the server administrator.",
		"1 sent, 1 skipped, 1 invalid, 1 failed"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "\x1b[") {
		t.Error("escape sequences written to a non-terminal")
	}
	if p.sent != 1 || p.failed != 1 || p.invalid != 1 || p.skipped != 1 {
		t.Errorf("counts %d %d %d %d", p.sent, p.failed, p.invalid, p.skipped)
	}
}

func TestUploadPrinterJSONLines(t *testing.T) {
	var out bytes.Buffer
	p := newUploadPrinter(&out, true)
	for _, e := range printerEvents() {
		p.event(e)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(printerEvents()) {
		t.Fatalf("%d lines for %d events", len(lines), len(printerEvents()))
	}
	for i, l := range lines {
		var e uploader.Event
		if err := json.Unmarshal([]byte(l), &e); err != nil || e.Kind != printerEvents()[i].Kind {
			t.Errorf("line %d %q: %v", i, l, err)
		}
	}
}

func TestProgressLine(t *testing.T) {
	l := progressLine(uploader.Event{Kind: uploader.EventUploading, Path: "/x/a.al3", Bytes: 50, Total: 100, Rate: 2 << 20, ETA: 3 * time.Second})
	if !strings.Contains(l, "[###############...............]  50%") || !strings.Contains(l, "2.1 MB/s ETA 3s") {
		t.Errorf("progress line %q", l)
	}
}

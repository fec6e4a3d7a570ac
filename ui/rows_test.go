package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/uploader"
	"exchange/validate"
)

// shownRow is the row the queue list draws for the file called name, or nil.
// Call it on the UI goroutine.
func (h *harness) shownRow(name string) *rowView {
	if rows := uitest.FindAll(h.win.list, func(v *rowView) bool { return v.name.Text == name }); len(rows) > 0 {
		return rows[0]
	}
	return nil
}

// waitRow waits until the list draws the row of name in the state the model
// has for it and cond holds, and returns the row.
func (h *harness) waitRow(name string, state uploader.EventKind, cond func(*rowView) bool) *rowView {
	h.t.Helper()
	var v *rowView
	h.waitUI("the row of "+name+" to show "+string(state), func() bool {
		r, ok := h.row(name)
		v = h.shownRow(name)
		return ok && r.State == state && v != nil && v.status.Text == r.StatusText() && (cond == nil || cond(v))
	})
	return v
}

func TestRowsFollowEvents(t *testing.T) {
	h := newHarness(t)
	h.win.onEvent(uploader.Event{Kind: uploader.EventQueued, Item: "x", Path: "/tmp/x.al3"})
	h.win.onEvent(uploader.Event{Kind: uploader.EventConnecting, Item: "x"})
	h.win.onEvent(uploader.Event{Kind: uploader.EventUploading, Item: "x", Bytes: 250, Total: 1000, Rate: 50})
	r, _ := h.win.model.At(0)
	if r.Progress() != 0.25 || r.StatusText() != "Sending" {
		t.Fatalf("row = %+v", r)
	}
	h.waitFor("the overall bar", func() bool {
		var v float64
		onUIWait(func() { v = h.win.overall.Value })
		return v == 0.25
	})
	h.win.onEvent(uploader.Event{Kind: uploader.EventFailed, Item: "x", Err: "550 denied", Hint: "Ask for write access."})
	r, _ = h.win.model.At(0)
	if r.DetailText() != "Ask for write access. (550 denied)" {
		t.Errorf("failed row detail = %q", r.DetailText())
	}
}

// TestRowShowsItsRow binds a drawn row to rows in each state: the texts are
// the row's own, and only the actions that make sense are offered.
func TestRowShowsItsRow(t *testing.T) {
	test.NewTempApp(t)
	rep := &validate.Report{Kind: validate.KindAL3, Findings: []validate.Finding{
		{Rule: "al3/truncated", Severity: validate.SeverityError, Offset: 12, Text: "The file ends too soon."},
	}}
	rows := []row{
		{ID: "q", Name: "queued.al3", Size: 2048, State: uploader.EventQueued},
		{ID: "u", Name: "sending.al3", State: uploader.EventUploading, Bytes: 300, Total: 1200, Rate: 100, ETA: 9 * time.Second},
		{ID: "f", Name: "failed.al3", State: uploader.EventFailed, Err: "550 denied", Hint: "Ask for write access."},
		{ID: "c", Name: "canceled.al3", State: uploader.EventCanceled},
		{ID: "d", Name: "done.al3", State: uploader.EventDone, RemotePath: "/in/done.al3", Report: &validate.Report{Kind: validate.KindAL3, Valid: true}},
		{ID: "i", Name: "invalid.al3", Kind: validate.KindAL3, State: uploader.EventInvalid, Report: rep},
	}
	for _, r := range rows {
		t.Run(r.Name, func(t *testing.T) {
			var v *rowView
			onUIWait(func() {
				v = newRowView(newTableColumns())
				test.NewTempWindow(t, v)
				v.show(r, rowActions{}, false, false)
			})
			onUIWait(func() {
				if v.name.Text != r.Name || v.status.Text != r.StatusText() || v.detail.Text != rowDetail(r) {
					t.Errorf("row shows %q %q %q, want %q %q %q", v.name.Text, v.status.Text, v.detail.Text, r.Name, r.StatusText(), rowDetail(r))
				}
				if r.State == uploader.EventUploading && (v.barText != "300 B of 1.2 KB" || v.speed.Text != "100 B/s · 9 s left") {
					t.Errorf("a file being sent shows %q and %q in its progress column", v.barText, v.speed.Text)
				}
				if r.State == uploader.EventFailed && !strings.Contains(v.detail.Text, r.Hint) {
					t.Errorf("a failed file does not say what to do: %q", v.detail.Text)
				}
				if v.bar.Value != r.Progress() {
					t.Errorf("bar = %v, want %v", v.bar.Value, r.Progress())
				}
				if v.cancel.Visible() == r.Finished() {
					t.Errorf("cancel visible = %v for a row finished = %v", v.cancel.Visible(), r.Finished())
				}
				if want := r.State == uploader.EventFailed || r.State == uploader.EventCanceled; v.retry.Visible() != want {
					t.Errorf("retry visible = %v, want %v", v.retry.Visible(), want)
				}
				if !v.remove.Visible() {
					t.Error("a row cannot be removed")
				}
				if v.verdict.Visible() != (r.Report != nil) || v.verdict.Text != r.VerdictText() {
					t.Errorf("verdict %q (visible %v) for report %v", v.verdict.Text, v.verdict.Visible(), r.Report != nil)
				}
				if v.bar.Visible() != rowShowsBar(r.State) || (r.State == uploader.EventInvalid && v.bar.Visible()) || (r.State == uploader.EventUploading && !v.bar.Visible()) {
					t.Errorf("bar visible = %v for a file %s", v.bar.Visible(), r.State)
				}
				if danger := v.status.Importance == widget.DangerImportance; danger != (r.State == uploader.EventFailed || r.State == uploader.EventInvalid) {
					t.Errorf("status importance %v for %s", v.status.Importance, r.State)
				}
			})
		})
	}
}

// TestRowButtonsReachTheService cancels, retries and removes a file with
// the buttons of its row in the window's list.
func TestRowButtonsReachTheService(t *testing.T) {
	h := newHarness(t)
	onUIWait(h.win.togglePause) // the file waits instead of leaving at once
	if !h.svc.Paused() {
		t.Fatal("the window's Pause did not pause the service")
	}
	path := writeFile(t, "policy.al3", validAL3(t))
	h.win.AddPaths([]string{path})
	v := h.waitRow("policy.al3", uploader.EventWaiting, func(v *rowView) bool { return v.cancel.Visible() && !v.retry.Visible() })

	onUIWait(func() { test.Tap(v.cancel) })
	h.waitFor("the service to cancel the file", func() bool {
		its := h.items(path)
		return len(its) == 1 && its[0].State == uploader.EventCanceled
	})
	v = h.waitRow("policy.al3", uploader.EventCanceled, func(v *rowView) bool { return v.retry.Visible() && !v.cancel.Visible() })

	onUIWait(func() { test.Tap(v.retry) })
	h.waitFor("the service to take the file again", func() bool {
		its := h.items(path)
		return len(its) == 1 && !(row{State: its[0].State}).Finished()
	})
	onUIWait(h.win.togglePause)
	h.waitFor("the file to be sent", func() bool { return h.rowState("policy.al3") == uploader.EventDone })
	sent, err := os.ReadFile(filepath.Join(h.inbox, "policy.al3"))
	if err != nil || string(sent) != string(validAL3(t)) {
		t.Fatalf("the retried file did not arrive intact: %v", err)
	}

	v = h.waitRow("policy.al3", uploader.EventDone, nil)
	onUIWait(func() { test.Tap(v.remove) })
	h.waitFor("the service to drop the file", func() bool { return len(h.items(path)) == 0 })
	h.waitUI("the row to leave the list", func() bool {
		return h.win.model.Len() == 0 && h.shownRow("policy.al3") == nil && h.win.empty.content.Visible()
	})
}

// TestVerdictShowsTheFindings taps the verdict of a refused file: its row
// opens in place and lists every error with where it is, in full, in a
// text that can be selected; a second tap closes it.
func TestVerdictShowsTheFindings(t *testing.T) {
	h := newHarness(t)
	h.win.AddPaths([]string{writeFile(t, "broken.al3", brokenAL3(t))})
	v := h.waitRow("broken.al3", uploader.EventInvalid, func(v *rowView) bool { return v.verdict.Visible() })
	r, _ := h.row("broken.al3")
	if len(r.Report.Errors()) == 0 {
		t.Fatal("the broken file has no errors")
	}
	var collapsed float32
	onUIWait(func() {
		if v.verdict.Text != r.VerdictText() || !strings.HasPrefix(v.verdict.Text, "Invalid") {
			t.Errorf("verdict button says %q, the row %q", v.verdict.Text, r.VerdictText())
		}
		if v.bar.Visible() {
			t.Error("a refused file shows a progress bar")
		}
		collapsed = v.Size().Height
		test.Tap(v.verdict)
	})
	v = h.waitRow("broken.al3", uploader.EventInvalid, func(v *rowView) bool { return v.findings.Visible() })
	onUIWait(func() {
		text := v.findings.Text
		for _, f := range r.Report.Findings {
			if !strings.Contains(text, f.Text) || !strings.Contains(text, where(f)) {
				t.Errorf("the row lacks the finding %q at %q:\n%s", f.Text, where(f), text)
			}
		}
		if !v.findings.Selectable || v.findings.Truncation != fyne.TextTruncateOff {
			t.Error("the findings cannot be selected, or are cut")
		}
		if v.Size().Height < collapsed+v.findings.MinSize().Height {
			t.Errorf("the open row is %v tall, its findings alone %v", v.Size().Height, v.findings.MinSize().Height)
		}
		test.Tap(v.verdict)
	})
	h.waitRow("broken.al3", uploader.EventInvalid, func(v *rowView) bool { return !v.findings.Visible() })
}

func BenchmarkTenThousandRows(b *testing.B) {
	a := test.NewTempApp(b)
	for range b.N {
		m := newQueueModel()
		for i := range 10000 {
			m.Apply(uploader.Event{Kind: uploader.EventQueued, Item: uploader.ItemID(string(rune('a'+i%26)) + time.Duration(i).String()), Path: "/tmp/f.al3"})
		}
		w := a.NewWindow("bench")
		l := newQueueList(m, rowActions{}, nil)
		w.SetContent(l)
		l.reload()
		w.Resize(fyne.NewSize(1000, 700))
		l.ScrollToBottom()
		w.Close()
	}
}

package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/uploader"
	"exchange/validate"
)

// tableRig is the queue's table alone in a window of the default size, on
// a model fed with events directly.
type tableRig struct {
	t       *testing.T
	model   *queueModel
	list    *queueList
	header  *queueHeader
	win     fyne.Window
	removed [][]uploader.ItemID
}

func newTableRig(t *testing.T) *tableRig {
	t.Helper()
	return newTableRigOn(t, test.NewTempApp(t))
}

// newTableRigOn is a table rig in app a, keeping its columns' widths in a's
// preferences.
func newTableRigOn(t *testing.T, a fyne.App) *tableRig {
	t.Helper()
	r := &tableRig{t: t, model: newQueueModel()}
	onUIWait(func() {
		r.list = newQueueList(r.model, rowActions{details: func(id uploader.ItemID) { r.list.toggle(id) },
			cancel: func(uploader.ItemID) {}, retry: func(uploader.ItemID) {}, remove: func(uploader.ItemID) {},
			copy: func(string) {}}, func(ids []uploader.ItemID) { r.removed = append(r.removed, ids) })
		r.list.keepColumnsIn(a.Preferences())
		r.header = newQueueHeader(r.list, func() {})
		r.win = a.NewWindow("table")
		r.win.SetContent(container.NewBorder(r.header.content, nil, nil, nil, r.list))
		r.win.Resize(fyne.NewSize(1040, 640))
	})
	t.Cleanup(func() { onUIWait(r.win.Close) })
	return r
}

// add puts files in the model, each in the state given, with a report for
// the checked ones, and redraws.
func (r *tableRig) add(files ...row) {
	r.t.Helper()
	for _, f := range files {
		ev := uploader.Event{Kind: uploader.EventQueued, Item: f.ID, Path: "/agency/" + f.Name, Profile: f.Profile}
		r.model.Apply(ev)
		if f.State != uploader.EventQueued {
			r.model.Apply(uploader.Event{Kind: f.State, Item: f.ID, Report: f.Report, Bytes: f.Bytes, Total: f.Total,
				Rate: f.Rate, ETA: f.ETA, Err: f.Err, Hint: f.Hint, RemotePath: f.RemotePath})
		}
	}
	onUIWait(r.list.reload)
}

// shown are the rows drawn, by file name.
func (r *tableRig) shown() map[string]*rowView {
	out := map[string]*rowView{}
	onUIWait(func() {
		for _, v := range uitest.FindAll[*rowView](r.list, nil) {
			out[v.name.Text] = v
		}
	})
	return out
}

// order is the names of the rows in the order the table shows them.
func (r *tableRig) order() []string {
	var names []string
	onUIWait(func() {
		for i := range r.list.count() {
			if x, ok := r.list.rowAt(i); ok {
				names = append(names, x.Name)
			}
		}
	})
	return names
}

func invalidReport(n int) *validate.Report {
	rep := &validate.Report{Kind: validate.KindAL3}
	for i := range n {
		rep.Findings = append(rep.Findings, validate.Finding{Rule: "al3/bad-length", Severity: validate.SeverityError, Offset: int64(i * 100),
			Text: fmt.Sprintf("Group %d says it is 200 bytes long but the next group starts after 150; the file was probably cut or edited by hand, which this long sentence says in full.", i)})
	}
	return rep
}

// mixedBatch is one file in each state a clerk sees, with texts of very
// different lengths.
func mixedBatch() []row {
	valid := &validate.Report{Kind: validate.KindAL3, Valid: true}
	return []row{
		{ID: "1", Name: "DL0001.AL3", Profile: "Agency", State: uploader.EventDone, Report: valid, RemotePath: "/in/DL0001.AL3"},
		{ID: "2", Name: "a-very-long-name-of-a-download-from-the-carrier-portal-2026-12-06.al3", Profile: "Agency server of the west office",
			State: uploader.EventUploading, Report: valid, Bytes: 87_400_000, Total: 210_000_000, Rate: 16_300_000, ETA: 8 * time.Second},
		{ID: "3", Name: "b.al3", Profile: "Agency", State: uploader.EventInvalid, Report: invalidReport(12)},
		{ID: "4", Name: "c.xlsx", Profile: "Agency", State: uploader.EventFailed, Report: valid, Err: "550 denied", Hint: "Ask for write access."},
		{ID: "5", Name: "d.al3", Profile: "Agency", State: uploader.EventQueued},
	}
}

// TestColumnsLineUpWhateverTheText: in every row, and in the header, each
// column starts at the same place whatever the texts and whichever buttons
// show; an invalid row's detail starts under its name (no blank gap where a
// bar would be).
func TestColumnsLineUpWhateverTheText(t *testing.T) {
	r := newTableRig(t)
	r.add(mixedBatch()...)
	rows := r.shown()
	if len(rows) != 5 {
		t.Fatalf("%d rows drawn, want 5", len(rows))
	}
	onUIWait(func() {
		first := rows["DL0001.AL3"]
		at := func(o fyne.CanvasObject) float32 { return o.Position().X }
		for name, v := range rows {
			for what, pair := range map[string][2]fyne.CanvasObject{
				"size": {v.size, first.size}, "server": {v.server, first.server}, "status": {v.status, first.status},
				"verdict": {v.verdict, first.verdict}, "bar": {v.bar, first.bar}, "remove": {v.remove, first.remove},
				"detail": {v.detail, first.detail}, "name": {v.name, first.name},
			} {
				if at(pair[0]) != at(pair[1]) || pair[0].Size().Width != pair[1].Size().Width {
					t.Errorf("%s: the %s column is at %v (width %v), in the first row at %v (width %v)",
						name, what, at(pair[0]), pair[0].Size().Width, at(pair[1]), pair[1].Size().Width)
				}
			}
		}
		if h := r.header.status; at(h) != at(first.status) {
			t.Errorf("the Status header is at %v, the statuses at %v", at(h), at(first.status))
		}
		bad := rows["b.al3"]
		if bad.bar.Visible() || at(bad.detail) != at(bad.name) || bad.detail.Text == "" {
			t.Errorf("the invalid row: bar %v, detail %q at %v, name at %v", bad.bar.Visible(), bad.detail.Text, at(bad.detail), at(bad.name))
		}
		sending := rows["a-very-long-name-of-a-download-from-the-carrier-portal-2026-12-06.al3"]
		if sending.barText != "87.4 MB of 210.0 MB" && sending.barText != "87.4 MB of 210 MB" {
			t.Errorf("the bar says %q", sending.barText)
		}
		if !strings.Contains(sending.speed.Text, "/s") || !strings.Contains(sending.speed.Text, "left") {
			t.Errorf("under the bar: %q", sending.speed.Text)
		}
		for _, v := range rows {
			if v.Size().Height != first.Size().Height {
				t.Errorf("%s is %v tall, the first row %v", v.name.Text, v.Size().Height, first.Size().Height)
			}
		}
	})
}

// TestFiltersAndSorting: each filter keeps its rows; Name and Status sort
// up, then down, then back to the order added.
func TestFiltersAndSorting(t *testing.T) {
	r := newTableRig(t)
	r.add(mixedBatch()...)
	long := "a-very-long-name-of-a-download-from-the-carrier-portal-2026-12-06.al3"
	for f, want := range map[queueFilter][]string{
		filterAll:     {"DL0001.AL3", long, "b.al3", "c.xlsx", "d.al3"},
		filterActive:  {long, "d.al3"},
		filterFailed:  {"c.xlsx"},
		filterInvalid: {"b.al3"},
		filterSent:    {"DL0001.AL3"},
	} {
		onUIWait(func() { r.header.filter.SetSelected(string(f)) })
		if got := r.order(); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("filter %s shows %v, want %v", f, got, want)
		}
	}
	onUIWait(func() { r.header.filter.SetSelected(string(filterAll)) })
	tap := func(b *widget.Button) { onUIWait(func() { test.Tap(b) }) }
	tap(r.header.name)
	if got, want := r.order(), []string{long, "b.al3", "c.xlsx", "d.al3", "DL0001.AL3"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("by name: %v, want %v", got, want)
	}
	tap(r.header.name)
	if got := r.order(); got[0] != "DL0001.AL3" || got[4] != long {
		t.Errorf("by name, down: %v", got)
	}
	tap(r.header.name)
	if got := r.order(); got[0] != "DL0001.AL3" || got[1] != long {
		t.Errorf("back to the order added: %v", got)
	}
	tap(r.header.status)
	if got, want := r.order(), []string{"c.xlsx", "b.al3", long, "d.al3", "DL0001.AL3"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("by status (what needs the clerk first): %v, want %v", got, want)
	}
	var icon fyne.Resource
	onUIWait(func() { icon = r.header.status.Icon })
	if icon == nil {
		t.Error("the sorted column shows no arrow")
	}
}

// TestKeyboardDrivesTheTable: arrows select, Enter opens the findings in
// the row in full, Delete removes the selected file, Ctrl+A then Delete
// removes every row shown.
func TestKeyboardDrivesTheTable(t *testing.T) {
	r := newTableRig(t)
	r.add(mixedBatch()...)
	key := func(k fyne.KeyName) { onUIWait(func() { r.list.TypedKey(&fyne.KeyEvent{Name: k}) }) }
	key(fyne.KeyDown) // the first row
	key(fyne.KeyDown)
	key(fyne.KeyDown) // the third: b.al3, invalid
	var sel uploader.ItemID
	onUIWait(func() { sel = r.list.selected })
	if sel != "3" {
		t.Fatalf("after three Down the selection is %q, want b.al3", sel)
	}
	key(fyne.KeyReturn)
	var v *rowView
	deadline := time.Now().Add(10 * time.Second)
	for v = r.shown()["b.al3"]; v == nil || !visible(v.findings); v = r.shown()["b.al3"] {
		if time.Now().After(deadline) {
			t.Fatal("Enter did not open the findings of the selected file")
		}
		time.Sleep(20 * time.Millisecond)
	}
	onUIWait(func() {
		if !v.background.Visible() {
			t.Error("the selected row is not highlighted")
		}
		if strings.Contains(v.findings.Text, "…") || strings.Count(v.findings.Text, "the file was probably cut") != 12 {
			t.Errorf("the open row does not hold the 12 findings in full:\n%s", v.findings.Text)
		}
		if v.Size().Height < v.findings.MinSize().Height {
			t.Errorf("the open row (%v) is shorter than its findings (%v)", v.Size().Height, v.findings.MinSize().Height)
		}
	})
	key(fyne.KeyDelete)
	if len(r.removed) != 1 || len(r.removed[0]) != 1 || r.removed[0][0] != "3" {
		t.Errorf("Delete removed %v, want b.al3", r.removed)
	}
	onUIWait(func() { r.list.TypedShortcut(&fyne.ShortcutSelectAll{}) })
	key(fyne.KeyDelete)
	if len(r.removed) != 2 || len(r.removed[1]) != 5 {
		t.Errorf("Ctrl+A, Delete removed %v, want the 5 files", r.removed)
	}
	key(fyne.KeyUp)
	onUIWait(func() { sel = r.list.selected })
	if sel != "2" {
		t.Errorf("Up after the third row selects %q, want the second", sel)
	}
}

func visible(o fyne.CanvasObject) bool {
	var ok bool
	onUIWait(func() { ok = o.Visible() })
	return ok
}

// TestNewRowsAreScrolledIntoView: a file added below the visible rows is
// drawn at once.
func TestNewRowsAreScrolledIntoView(t *testing.T) {
	r := newTableRig(t)
	var files []row
	for i := range 200 {
		files = append(files, row{ID: uploader.ItemID(fmt.Sprint(i)), Name: fmt.Sprintf("DL%04d.AL3", i), State: uploader.EventQueued})
	}
	r.add(files...)
	if _, ok := r.shown()["DL0199.AL3"]; !ok {
		t.Fatal("the newest of 200 files is not drawn")
	}
	r.add(row{ID: "new", Name: "latest.al3", State: uploader.EventQueued})
	if _, ok := r.shown()["latest.al3"]; !ok {
		t.Error("the file just added is not drawn")
	}
}

// TestClearFinishedKeepsWhatNeedsTheClerk: the sent file leaves the list,
// the invalid one stays.
func TestClearFinishedKeepsWhatNeedsTheClerk(t *testing.T) {
	h := newHarness(t)
	good := writeFile(t, "policy.al3", validAL3(t))
	h.win.AddPaths([]string{good, writeFile(t, "broken.al3", brokenAL3(t))})
	h.waitRow("policy.al3", uploader.EventDone, nil)
	h.waitRow("broken.al3", uploader.EventInvalid, nil)
	h.tapButton(h.win.win.Content(), "Clear finished")
	h.waitUI("the sent file to leave the list", func() bool { return h.shownRow("policy.al3") == nil && h.win.model.Len() == 1 })
	if _, ok := h.row("broken.al3"); !ok {
		t.Error("Clear finished took the invalid file away")
	}
	if _, err := os.Stat(filepath.Join(h.inbox, "policy.al3")); err != nil {
		t.Errorf("the sent file is not on the server: %v", err)
	}
}

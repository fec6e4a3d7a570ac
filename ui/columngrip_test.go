package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
)

// headerTitle is the header's title of a column (UI goroutine).
func (r *tableRig) headerTitle(text string) fyne.CanvasObject {
	r.t.Helper()
	var found fyne.CanvasObject
	for _, l := range uitest.FindAll(r.header.content, func(l *widget.Label) bool { return l.Text == text }) {
		found = l
	}
	for _, b := range uitest.FindAll(r.header.content, func(b *widget.Button) bool { return b.Text == text }) {
		found = b
	}
	if found == nil {
		r.t.Fatalf("the header has no %q title", text)
	}
	return found
}

// dragGrip drags the edge on the right of col by dx, as the mouse would.
func (r *tableRig) dragGrip(col column, dx float32) {
	r.t.Helper()
	onUIWait(func() {
		for _, g := range uitest.FindAll(r.header.content, func(g *columnGrip) bool { return g.col == col }) {
			at := fyne.CurrentApp().Driver().AbsolutePositionForObject(g).Add(fyne.NewPos(gripWidth/2, g.Size().Height/2))
			test.Drag(r.win.Canvas(), at, dx, 0)
			return
		}
		r.t.Fatalf("no grip on the right of column %d", col)
	})
}

// The clerk drags the edge of the Server column: the title and every row's
// server take the new width together, the name gives the room, the window
// keeps its width, and the next start shows the columns as they were left.
func TestColumnsResizeByDraggingTheHeaderAndAreRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	r := newTableRigOn(t, a)
	r.add(mixedBatch()...)
	var title fyne.CanvasObject
	var before, nameBefore float32
	var winBefore fyne.Size
	onUIWait(func() {
		title = r.headerTitle("Server")
		before, nameBefore = title.Size().Width, r.headerTitle("Name").Size().Width
		winBefore = r.win.Canvas().Size()
	})

	r.dragGrip(colServer, 60)
	onUIWait(func() {
		if got := title.Size().Width; got != before+60 {
			t.Errorf("the Server title is %v wide after a drag of 60 from %v", got, before)
		}
		if got := r.headerTitle("Name").Size().Width; got != nameBefore-60 {
			t.Errorf("the name column is %v wide, want %v: it gives the room", got, nameBefore-60)
		}
		titleX := fyne.CurrentApp().Driver().AbsolutePositionForObject(title).X
		for _, v := range uitest.FindAll[*rowView](r.list, nil) {
			name := v.name.Text
			x := fyne.CurrentApp().Driver().AbsolutePositionForObject(v.server).X
			if v.server.Size().Width != title.Size().Width || x != titleX {
				t.Errorf("row %s: server at x %v, %v wide; the title at %v, %v wide", name, x, v.server.Size().Width, titleX, title.Size().Width)
			}
		}
	})

	r.dragGrip(colServer, 5000) // as far as the mouse goes
	onUIWait(func() {
		if got := r.headerTitle("Name").Size().Width; got < minNameWidth {
			t.Errorf("the name column went down to %v, under its minimum %v", got, float32(minNameWidth))
		}
		if got := r.win.Canvas().Size(); got != winBefore {
			t.Errorf("the window went from %v to %v by a column's drag", winBefore, got)
		}
	})
	r.dragGrip(colStatus, -5000)
	onUIWait(func() {
		if got := r.headerTitle("Status").Size().Width; got != minColumnWidth {
			t.Errorf("the Status column is %v wide after a drag all the way left, want its minimum %v", got, float32(minColumnWidth))
		}
	})

	var server float32
	onUIWait(func() { server = title.Size().Width })
	saved := a.Preferences().String(columnsKey)
	if !strings.Contains(saved, "status=40") {
		t.Errorf("the preference keeps %q", saved)
	}
	again := newTableRigOn(t, a)
	again.add(mixedBatch()...)
	onUIWait(func() {
		if got := again.headerTitle("Server").Size().Width; got != server {
			t.Errorf("after a restart the Server column is %v wide, it was left at %v", got, server)
		}
	})
}

// A preference that was edited by hand or written by another version
// leaves the columns it does not understand at their default.
func TestColumnWidthsFromABadPreferenceAreIgnored(t *testing.T) {
	c := newTableColumns()
	c.load("size=90,server=abc,status=5,verdict,progress=999999,unknown=100,icon=300")
	want := defaultColumnWidths
	want[colSize] = 90
	if c.w != want {
		t.Errorf("widths %v, want %v", c.w, want)
	}
}

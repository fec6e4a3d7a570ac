package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// queueHeader is the table's header row: the columns' names, Name and
// Status sort the table (a first click ascending, a second descending, a
// third back to the order files were added in).
type queueHeader struct {
	list          *queueList
	name, status  *widget.Button
	content       fyne.CanvasObject
	titles        *fyne.Container
	bar           *fyne.Container
	filter        *widget.Select
	clearFinished *widget.Button
}

func newQueueHeader(l *queueList, clearFinished func()) *queueHeader {
	h := &queueHeader{list: l}
	h.name = widget.NewButton(lang.L("Name"), func() { h.sortBy(sortName) })
	h.status = widget.NewButton(lang.L("Status"), func() { h.sortBy(sortStatus) })
	for _, b := range []*widget.Button{h.name, h.status} {
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
	}
	title := func(s string, align fyne.TextAlign) *widget.Label {
		l := widget.NewLabelWithStyle(s, align, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	cols := &tableLayout{cols: l.cols, cells: []cell{
		{obj: h.name, first: colName, last: colName},
		{obj: title(lang.L("Size"), fyne.TextAlignTrailing), first: colSize, last: colSize},
		{obj: title(lang.L("Server"), fyne.TextAlignLeading), first: colServer, last: colServer},
		{obj: h.status, first: colStatus, last: colStatus},
		{obj: title(lang.L("Check"), fyne.TextAlignLeading), first: colVerdict, last: colVerdict},
		{obj: title(lang.L("Progress"), fyne.TextAlignCenter), first: colProgress, last: colProgress},
	}}
	h.filter = widget.NewSelect(filterNames(), func(s string) {
		o := h.list.order
		o.filter = filterLabeled(s)
		h.list.setOrder(o)
	})
	h.filter.Selected = filterAll.label()
	h.clearFinished = widget.NewButtonWithIcon(lang.L("Clear finished"), theme.ContentClearIcon(), clearFinished)
	h.bar = container.NewHBox(widget.NewLabel(lang.L("Show:")), fixedWidth(150, h.filter), layout.NewSpacer(), h.clearFinished)
	h.titles = container.New(cols, cols.objects()...)
	titles := container.NewStack(h.titles, h.gripsFor(l))
	h.content = container.NewVBox(h.bar, titles, widget.NewSeparator())
	return h
}

// offerAddFolder puts "Add folder…" in the bar above the table, beside
// "Clear finished" (the toolbar has no room left in the default window).
func (h *queueHeader) offerAddFolder(pick func()) {
	add := widget.NewButtonWithIcon(lang.L("Add folder…"), theme.FolderOpenIcon(), pick)
	h.bar.Objects = append(h.bar.Objects[:len(h.bar.Objects)-1], add, h.clearFinished)
	h.bar.Refresh()
}

// gripsFor are the edges the clerk drags to resize the columns: the
// header and every row take the new widths at once.
func (h *queueHeader) gripsFor(l *queueList) fyne.CanvasObject {
	var grips *fyne.Container
	onDrag := func(col column, dx float32) {
		l.cols.drag(col, dx, grips.Size().Width)
		l.cols.gen++
		h.titles.Refresh()
		grips.Refresh()
		l.List.Refresh()
	}
	objects := make([]fyne.CanvasObject, 0, len(resizableColumns))
	for _, col := range resizableColumns {
		objects = append(objects, newColumnGrip(col, onDrag, l.saveColumns))
	}
	grips = container.New(gripsLayout{cols: l.cols}, objects...)
	return grips
}

func filterNames() []string {
	out := make([]string, len(queueFilters))
	for i, f := range queueFilters {
		out[i] = f.label()
	}
	return out
}

// sortBy sorts by key, or turns the sort by key around, or, the third time,
// back to the order files were added in.
func (h *queueHeader) sortBy(key sortKey) {
	o := h.list.order
	switch {
	case o.key != key:
		o.key, o.desc = key, false
	case !o.desc:
		o.desc = true
	default:
		o.key, o.desc = sortAdded, false
	}
	h.list.setOrder(o)
	h.showSort()
}

// showSort marks the column sorted by with an arrow.
func (h *queueHeader) showSort() {
	o := h.list.order
	for _, c := range []struct {
		b   *widget.Button
		key sortKey
	}{{h.name, sortName}, {h.status, sortStatus}} {
		switch {
		case o.key != c.key:
			c.b.SetIcon(nil)
		case o.desc:
			c.b.SetIcon(theme.MoveDownIcon())
		default:
			c.b.SetIcon(theme.MoveUpIcon())
		}
	}
}

// fixedWidth keeps o at width whatever it says, so that a longer text
// does not push its neighbours.
func fixedWidth(width float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(fixedWidthLayout{width: width}, o)
}

type fixedWidthLayout struct{ width float32 }

// Layout stretches the objects over the whole space.
func (f fixedWidthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

// MinSize is the width, and the tallest object's height.
func (f fixedWidthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.width, h)
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The queue is a table: every row and the header place their cells in the
// same columns, whose widths are fixed (the name takes what is left), so
// that sizes, states and verdicts line up from row to row whatever their
// text, and nothing moves when a button appears or goes.
type column int

const (
	colIcon column = iota
	colName
	colSize
	colServer
	colStatus
	colVerdict
	colProgress
	colActions
	columnCount
)

// defaultColumnWidths are the widths of the fixed columns; the name's is
// its minimum (it grows with the window). Their sum fits the default window
// (1040 px) with room for the list's scroll bar.
var defaultColumnWidths = [columnCount]float32{
	colIcon:     24,
	colName:     170,
	colSize:     72,
	colServer:   116,
	colStatus:   136,
	colVerdict:  140,
	colProgress: 190,
	colActions:  3 * actionButtonWidth,
}

// actionButtonWidth is the slot of one icon button of a row: a hidden
// button keeps its slot, so that the others do not shift.
const actionButtonWidth = 36

// columnGap is the space between two columns.
func columnGap() float32 { return theme.Padding() }

// tableColumns are the widths of the queue's columns, shared by its header
// and every row (UI goroutine only). The clerk changes them by dragging the
// edges between the header's titles (columngrip.go).
type tableColumns struct {
	w [columnCount]float32
	// gen counts the changes, so that a recycled row knows to lay out
	// its cells again.
	gen int
}

func newTableColumns() *tableColumns { return &tableColumns{w: defaultColumnWidths} }

// spans places the columns across width: x and width of each. The name
// takes what the others leave.
func (c *tableColumns) spans(width float32) (x, w [columnCount]float32) {
	gap := columnGap()
	fixed := float32(0)
	for col := column(0); col < columnCount; col++ {
		if col != colName {
			fixed += c.w[col]
		}
	}
	fixed += gap * float32(columnCount-1)
	w = c.w
	w[colName] = max(c.w[colName], width-fixed)
	pos := float32(0)
	for col := column(0); col < columnCount; col++ {
		x[col] = pos
		pos += w[col] + gap
	}
	return x, w
}

// minWidth is the narrowest the table can be without cutting a column.
func (c *tableColumns) minWidth() float32 {
	_, w := c.spans(0)
	total := float32(0)
	for _, cw := range w {
		total += cw
	}
	return total + columnGap()*float32(columnCount-1)
}

// cell is an object of a row and the columns it covers, on one of its lines.
type cell struct {
	obj         fyne.CanvasObject
	first, last column
	line        int
	// center gives the object its own minimum height, centred in the
	// line, rather than the line's height (a bar, an icon).
	center bool
}

// tableLayout lays out cells in the queue's columns, line under line. Line 0
// is as tall as its tallest object, line 1 (the row's detail) as its own;
// lines 2 and up (the findings of an expanded row) take what is left.
type tableLayout struct {
	cols  *tableColumns
	cells []cell
}

func (t *tableLayout) lineHeights() (h [3]float32) {
	for _, c := range t.cells {
		if !c.obj.Visible() && c.line > 0 {
			continue
		}
		l := min(c.line, 2)
		h[l] = max(h[l], c.obj.MinSize().Height)
	}
	return h
}

// lineOverlap is how far the detail line reaches up into the padding of
// the line above: two labels one under the other would otherwise leave
// twice their padding between them, and the table would show fewer rows.
func lineOverlap() float32 { return theme.InnerPadding() }

// tops are where the lines start.
func (t *tableLayout) tops(h [3]float32) [3]float32 {
	second := h[0]
	if h[1] > 0 {
		second -= lineOverlap()
	}
	return [3]float32{0, second, second + h[1]}
}

// Layout places every cell; hidden objects keep their place empty.
func (t *tableLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	x, w := t.cols.spans(size.Width)
	h := t.lineHeights()
	top := t.tops(h)
	for _, c := range t.cells {
		l := min(c.line, 2)
		lineH := h[l]
		if l == 2 {
			lineH = max(h[2], size.Height-top[2])
		}
		cx, cw := x[c.first], x[c.last]+w[c.last]-x[c.first]
		if c.center {
			mh := min(c.obj.MinSize().Height, lineH)
			c.obj.Resize(fyne.NewSize(cw, mh))
			c.obj.Move(fyne.NewPos(cx, top[l]+(lineH-mh)/2))
			continue
		}
		c.obj.Resize(fyne.NewSize(cw, lineH))
		c.obj.Move(fyne.NewPos(cx, top[l]))
	}
}

// MinSize is the columns' width and the height of the visible lines.
func (t *tableLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	h := t.lineHeights()
	return fyne.NewSize(t.cols.minWidth(), t.tops(h)[2]+h[2])
}

// objects are the cells' objects, for the container.
func (t *tableLayout) objects() []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(t.cells))
	for i, c := range t.cells {
		out[i] = c.obj
	}
	return out
}

// slotsLayout places its objects side by side in slots of equal width,
// hidden ones included: a button that goes leaves its slot empty instead of
// letting the others move.
type slotsLayout struct{ width float32 }

// Layout gives each object its slot.
func (s slotsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for i, o := range objects {
		o.Resize(fyne.NewSize(s.width, size.Height))
		o.Move(fyne.NewPos(float32(i)*s.width, 0))
	}
}

// MinSize is every slot, as tall as the tallest object.
func (s slotsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(s.width*float32(len(objects)), h)
}

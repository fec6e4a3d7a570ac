package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// columnsKey is the preference that keeps the widths the clerk gave the
// queue's columns: "name=170,size=72,…" (pixels).
const columnsKey = "queue.columns"

// minColumnWidth is the narrowest a column can be dragged.
const minColumnWidth = 40

// resizableColumns are the columns a clerk can widen or narrow; the icon
// and the actions keep their width (their content does not change).
var resizableColumns = []column{colName, colSize, colServer, colStatus, colVerdict, colProgress}

// columnKeys name the columns in the preference.
var columnKeys = [columnCount]string{colIcon: "icon", colName: "name", colSize: "size", colServer: "server",
	colStatus: "status", colVerdict: "check", colProgress: "progress", colActions: "actions"}

// minNameWidth is the narrowest the name can be made by widening others.
const minNameWidth = 100

// drag moves the edge on the right of column col by dx in a table width
// wide. The name takes what its neighbours leave, so the edge of the name
// changes the column after it, any other edge its own column. A column
// widened takes the room from the name: first what the name has over its
// minimum, then from that minimum down to minNameWidth; so the table never
// grows wider than the window by a drag. No column goes under
// minColumnWidth.
func (c *tableColumns) drag(col column, dx, width float32) {
	target, delta := col, dx
	if col == colName {
		target, delta = col+1, -dx
	}
	_, w := c.spans(width)
	spare := w[colName] - c.w[colName]
	grow := max(minColumnWidth, c.w[target]+delta) - c.w[target]
	if grow > spare {
		take := max(0, min(grow-spare, c.w[colName]-minNameWidth))
		c.w[colName] -= take
		grow = spare + take
	}
	c.w[target] += grow
}

// String is the widths for the preference.
func (c *tableColumns) String() string {
	parts := make([]string, 0, len(resizableColumns))
	for _, col := range resizableColumns {
		parts = append(parts, columnKeys[col]+"="+strconv.Itoa(int(c.w[col])))
	}
	return strings.Join(parts, ",")
}

// load takes the widths of a preference written by String; a part it does
// not understand, or a width under the minimum, is left at its default.
func (c *tableColumns) load(saved string) {
	for _, part := range strings.Split(saved, ",") {
		key, value, ok := strings.Cut(part, "=")
		width, err := strconv.Atoi(value)
		if !ok || err != nil || width < minColumnWidth || width > 2000 || key == "name" && width < minNameWidth {
			continue
		}
		for _, col := range resizableColumns {
			if columnKeys[col] == key {
				c.w[col] = float32(width)
			}
		}
	}
}

// columnGrip is the edge on the right of a column in the header: dragged
// sideways it widens or narrows the column, and the pointer over it turns
// into a resize arrow.
type columnGrip struct {
	widget.BaseWidget
	col    column
	onDrag func(col column, dx float32)
	onEnd  func()
}

func newColumnGrip(col column, onDrag func(column, float32), onEnd func()) *columnGrip {
	g := &columnGrip{col: col, onDrag: onDrag, onEnd: onEnd}
	g.ExtendBaseWidget(g)
	return g
}

// gripWidth is how wide the grip is to the pointer; it draws a 1 px line.
const gripWidth = 8

// CreateRenderer draws a thin line in the middle of the grip.
func (g *columnGrip) CreateRenderer() fyne.WidgetRenderer {
	line := canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
	return &gripRenderer{line: line}
}

// Cursor is the resize arrow.
func (g *columnGrip) Cursor() desktop.Cursor { return desktop.HResizeCursor }

// Dragged resizes the column.
func (g *columnGrip) Dragged(ev *fyne.DragEvent) { g.onDrag(g.col, ev.Dragged.DX) }

// DragEnd keeps the widths.
func (g *columnGrip) DragEnd() { g.onEnd() }

type gripRenderer struct{ line *canvas.Rectangle }

func (r *gripRenderer) Layout(size fyne.Size) {
	r.line.Resize(fyne.NewSize(1, size.Height*0.6))
	r.line.Move(fyne.NewPos(size.Width/2, size.Height*0.2))
}
func (r *gripRenderer) MinSize() fyne.Size { return fyne.NewSize(gripWidth, 1) }
func (r *gripRenderer) Refresh() {
	r.line.FillColor = theme.Color(theme.ColorNameSeparator)
	r.line.Refresh()
}
func (r *gripRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.line} }
func (r *gripRenderer) Destroy()                     {}

// gripsLayout puts each grip on the right edge of its column, over the
// gap between two titles.
type gripsLayout struct{ cols *tableColumns }

// Layout places the grips.
func (g gripsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	x, w := g.cols.spans(size.Width)
	for _, o := range objects {
		col := o.(*columnGrip).col
		edge := x[col] + w[col] + columnGap()/2
		o.Resize(fyne.NewSize(gripWidth, size.Height))
		o.Move(fyne.NewPos(edge-gripWidth/2, 0))
	}
}

// MinSize is nothing: the titles give the header its size.
func (g gripsLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

package ui

import "fyne.io/fyne/v2"

// shareByMinWidth lays out objects side by side, each given its minimum
// width and a share of the room left in proportion to it. A grid gives each
// column the widest one's minimum: Settings' two columns then needed more
// than a 1024 px window has.
type shareByMinWidth struct{}

// Layout places the objects left to right, as tall as the container.
func (shareByMinWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	mins, total := visibleMinWidths(objects)
	gaps := columnGap() * float32(max(0, len(mins)-1))
	extra := max(0, size.Width-total-gaps)
	x := float32(0)
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		w := mins[i]
		if total > 0 {
			w += extra * mins[i] / total
		}
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos(x, 0))
		x += w + columnGap()
	}
}

// MinSize is the sum of the minimum widths, and the tallest minimum height.
func (shareByMinWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	mins, total := visibleMinWidths(objects)
	h := float32(0)
	for _, o := range objects {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(total+columnGap()*float32(max(0, len(mins)-1)), h)
}

// visibleMinWidths are the minimum widths of the visible objects (0 for
// the hidden), by index, and their sum.
func visibleMinWidths(objects []fyne.CanvasObject) (map[int]float32, float32) {
	mins := map[int]float32{}
	total := float32(0)
	for i, o := range objects {
		if o.Visible() {
			mins[i] = o.MinSize().Width
			total += mins[i]
		}
	}
	return mins, total
}

package ui

import "fyne.io/fyne/v2"

// overallShare is the part of the window's width the overall line's words
// take in a wide window; in the default one they have overallLabelWidth.
const overallShare = 0.5

// overallLineLayout lays out the overall line: the words, the bar, the
// speed limit. The words' room depends on the window's width only, never
// on the words, so that the bar does not move with every event; a wide
// window gives them half its width instead of cutting them at 560 px.
type overallLineLayout struct{}

// Layout places the words, the bar and the speed limit (in that order).
func (overallLineLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	words, bar, speed := objects[0], objects[1], objects[2]
	speedW := speed.MinSize().Width
	wordsW := max(overallLabelWidth, size.Width*overallShare)
	wordsW = min(wordsW, max(overallLabelWidth, size.Width-speedW-bar.MinSize().Width-2*columnGap()))
	words.Resize(fyne.NewSize(wordsW, size.Height))
	words.Move(fyne.NewPos(0, 0))
	speed.Resize(fyne.NewSize(speedW, size.Height))
	speed.Move(fyne.NewPos(size.Width-speedW, 0))
	barX := wordsW + columnGap()
	bar.Resize(fyne.NewSize(max(0, size.Width-speedW-columnGap()-barX), size.Height))
	bar.Move(fyne.NewPos(barX, 0))
}

// MinSize is the words' room, the bar's and the speed limit's.
func (overallLineLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	w := float32(overallLabelWidth) + 2*columnGap()
	h := float32(0)
	for _, o := range objects[1:] {
		w += o.MinSize().Width
	}
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

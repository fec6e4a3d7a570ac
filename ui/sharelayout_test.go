package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// Two columns of different minimum widths need their sum, not twice the
// wider; the room left is shared in proportion, and nothing overlaps.
func TestShareByMinWidthNeedsTheSumOfTheColumns(t *testing.T) {
	narrow, wide := canvas.NewRectangle(nil), canvas.NewRectangle(nil)
	narrow.SetMinSize(fyne.NewSize(100, 10))
	wide.SetMinSize(fyne.NewSize(300, 20))
	c := container.New(shareByMinWidth{}, narrow, wide)
	gap := columnGap()
	if got, want := c.MinSize(), fyne.NewSize(400+gap, 20); got != want {
		t.Errorf("min size %v, want %v", got, want)
	}
	c.Resize(fyne.NewSize(800+gap, 50))
	if narrow.Size().Width != 200 || wide.Size().Width != 600 || wide.Position().X != 200+gap {
		t.Errorf("at 800 px: %v at %v, %v at %v", narrow.Size(), narrow.Position(), wide.Size(), wide.Position())
	}
}

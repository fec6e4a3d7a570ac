package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// The overall line's words have 560 px in the default window and half of a
// wide one (they were cut at 560 px in a 1920 px window), and the bar beside
// them stays where it is whatever they say.
func TestOverallLineWordsGrowWithTheWindowNotWithTheWords(t *testing.T) {
	h := newHarness(t, withKeychain())
	measure := func(width float32, text string) (words, barX float32) {
		onUIWait(func() {
			h.win.win.Resize(fyne.NewSize(width, 700))
			h.win.overallLabel.SetText(text)
			h.win.overall.Show()
			h.win.overall.Refresh()
			h.win.overallLabel.Refresh()
			words = h.win.overallLabel.Size().Width
			barX = fyne.CurrentApp().Driver().AbsolutePositionForObject(h.win.overall).X
		})
		return words, barX
	}
	short, barShort := measure(1040, "No files yet")
	long, barLong := measure(1040, strings.Repeat("Sending 4 of 5 to Agency server · 1 failed ", 4))
	if short != overallLabelWidth || long != short || barShort != barLong {
		t.Errorf("at 1040 px: words %v then %v wide, bar at %v then %v; want %v wide and a bar that stays", short, long, barShort, barLong, float32(overallLabelWidth))
	}
	wide, _ := measure(1920, "Sending 4 of 5 to Agency server · 1 failed · 1 invalid, not sent · 16.3 MB/s · 8 s left")
	const padding = 32 // the window's own, around the line
	if wide < 1920*overallShare-padding {
		t.Errorf("at 1920 px the words have %v px", wide)
	}
}

package ui

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"

	"exchange/internal/uitest"
	"exchange/profile"
	"exchange/uploader/watch"
)

// missingGlyphs are the runes of text that the theme's font of that style
// has no glyph for: on screen they come out as a box or "�".
func missingGlyphs(t *testing.T, text string, style fyne.TextStyle) []rune {
	t.Helper()
	res := theme.DefaultTextFont()
	if style.Bold {
		res = theme.DefaultTextBoldFont()
	}
	face, err := font.ParseTTF(bytes.NewReader(res.Content()))
	if err != nil {
		t.Fatal(err)
	}
	var missing []rune
	for _, r := range text {
		if _, ok := face.NominalGlyph(r); !ok && r > ' ' {
			missing = append(missing, r)
		}
	}
	return missing
}

// TestWatchRowTitleHasNoMissingGlyphs: a watch's title is drawn in the bold
// font, which has no arrow: "/tmp/watchme →� Carrier" was seen in the
// window under Xvfb. Every character of the tab's bold labels must be in it.
func TestWatchRowTitleHasNoMissingGlyphs(t *testing.T) {
	h := newHarness(t)
	fake := &fakeWatches{added: []watch.Definition{{Dir: t.TempDir(), Profile: profile.BuiltInName, After: watch.AfterMove}}}
	t.Cleanup(h.win.StopWatchFolders)
	onUIWait(func() {
		h.win.AddWatchFolders(fake)
		h.win.watches.refresh()
		tabs := findTabs(h.win.win.Content())
		tabs.SelectIndex(len(tabs.Items) - 1)
	})
	var checked int
	onUIWait(func() {
		for _, l := range uitest.FindAll(h.win.watches.content, func(l *widget.Label) bool { return l.TextStyle.Bold && l.Text != "" }) {
			checked++
			if m := missingGlyphs(t, l.Text, l.TextStyle); len(m) > 0 {
				t.Errorf("the bold label %q has characters its font cannot draw: %q", l.Text, string(m))
			}
		}
	})
	if checked == 0 {
		t.Fatal("the watch tab shows no bold title")
	}
}

package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"exchange/uploader"
)

// TestDeleteKeyRemovesTheSelectedFileWhenTheListHasTheFocus: clicking a
// row gives the list the focus, and the Delete key then goes to the list,
// not to the window (issue 14 item 9).
func TestDeleteKeyRemovesTheSelectedFileWhenTheListHasTheFocus(t *testing.T) {
	h := newHarness(t)
	bad := writeFile(t, "broken.al3", brokenAL3(t))
	h.win.AddPaths([]string{bad})
	h.waitRow("broken.al3", uploader.EventInvalid, nil)
	onUIWait(func() {
		h.win.list.Select(0)
		c := h.win.win.Canvas()
		c.Focus(h.win.list)
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	})
	h.waitFor("the file to leave the list", func() bool {
		_, there := h.row("broken.al3")
		return !there
	})
}

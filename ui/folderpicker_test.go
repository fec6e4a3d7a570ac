package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/uploader"
)

// "Add folder…" is on the empty queue and above the table: the folder the
// clerk picks is added as a dropped one is, its own files at once, and with
// subfolders (or more than largeAdd files) a question first with the count.
func TestAddFolderAddsTheFilesOfThePickedFolder(t *testing.T) {
	h := newHarness(t)
	flat := folderOf(t, map[string][]byte{"one.al3": validAL3(t), "two.al3": validAL3(t)})
	picked := flat
	asked := 0
	h.win.deps.PickFolder = func(done func(string)) { asked++; done(picked) }

	onUIWait(func() { test.Tap(buttonLabelled(h.win.empty.content, "Add folder…")) })
	h.waitRow("one.al3", uploader.EventDone, nil)
	h.waitRow("two.al3", uploader.EventDone, nil)

	files := map[string][]byte{"sub/inner.al3": brokenAL3(t)}
	for i := range largeAdd + 1 {
		files[fmt.Sprintf("DL%03d.AL3", i)] = brokenAL3(t)
	}
	picked = folderOf(t, files)
	var inBar *widget.Button
	h.waitUI("the table with Add folder… above it", func() bool {
		inBar = buttonLabelled(h.win.header.content, "Add folder…")
		return inBar != nil && h.win.header.content.Visible()
	})
	onUIWait(func() { test.Tap(inBar) })
	d := h.waitDialog(fmt.Sprintf("Add %d files from Downloads?", largeAdd+1))
	onUIWait(func() {
		if boxes := uitest.FindAll(d, func(c *widget.Check) bool { return c.Text == "Also the files in its 1 subfolder" }); len(boxes) != 1 {
			t.Error("no choice to add the subfolder's files")
		}
	})
	h.tapButton(d, "Add")
	h.waitFor("the folder's files, not its subfolder's", func() bool { return h.win.model.Len() == 2+largeAdd+1 })
	if _, ok := h.row("inner.al3"); ok {
		t.Error("the subfolder's file was added without being asked for")
	}

	if asked != 2 {
		t.Errorf("the folder was asked for %d times, want 2 (the two buttons)", asked)
	}
}

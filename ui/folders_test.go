package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/uploader"
	"exchange/validate/al3/al3gen"
)

// folderOf writes files (name -> content) under a new folder and returns it.
func folderOf(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "Downloads")
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func (h *harness) dropFolder(dir string) {
	onUIWait(func() { h.win.HandleDrop([]fyne.URI{storage.NewFileURI(dir)}) })
}

// TestDroppedFolderAddsItsFiles: a folder's own files are added at once
// (hidden ones left out); with subfolders the clerk is asked first, and
// their files come too only when asked for.
func TestDroppedFolderAddsItsFiles(t *testing.T) {
	h := newHarness(t)
	flat := folderOf(t, map[string][]byte{"one.al3": validAL3(t), "two.al3": al3gen.Valid(al3gen.Layout{Separator: ""}), ".hidden.al3": validAL3(t)})
	h.dropFolder(flat)
	h.waitRow("one.al3", uploader.EventDone, nil)
	h.waitRow("two.al3", uploader.EventDone, nil)
	if _, ok := h.row(".hidden.al3"); ok || h.win.model.Len() != 2 {
		t.Errorf("%d rows after a folder of two files and a hidden one", h.win.model.Len())
	}

	nested := folderOf(t, map[string][]byte{"top.al3": brokenAL3(t), "sub/inner.al3": brokenAL3(t)})
	h.dropFolder(nested)
	d := h.waitDialog("Add 1 file from Downloads?")
	onUIWait(func() {
		boxes := uitest.FindAll(d, func(c *widget.Check) bool { return c.Text == "Also the files in its 1 subfolder" })
		if len(boxes) != 1 {
			t.Fatal("no choice to add the subfolder's files")
		}
		boxes[0].SetChecked(true)
	})
	h.tapButton(d, "Add")
	h.waitFor("both files of the nested folder", func() bool {
		return h.rowState("top.al3") == uploader.EventInvalid && h.rowState("inner.al3") == uploader.EventInvalid
	})
}

// TestLargeFolderDropAsksFirst: more than largeAdd files are counted and
// the clerk may say no; nothing is added then.
func TestLargeFolderDropAsksFirst(t *testing.T) {
	h := newHarness(t)
	files := map[string][]byte{}
	for i := range largeAdd + 1 {
		files[fmt.Sprintf("DL%03d.AL3", i)] = brokenAL3(t)
	}
	h.dropFolder(folderOf(t, files))
	d := h.waitDialog(fmt.Sprintf("Add %d files from Downloads?", largeAdd+1))
	h.tapButton(d, "Cancel")
	h.waitUI("the question to close", func() bool { return h.dialog() == nil })
	if n := len(h.svc.Items()); n != 0 {
		t.Errorf("%d files added after Cancel", n)
	}
}

// TestQuitAsksWhileFilesAreToSend: Ctrl+Q with a file waiting asks, and
// "Keep sending" keeps the window and the file.
func TestQuitAsksWhileFilesAreToSend(t *testing.T) {
	h := newHarness(t)
	onUIWait(h.win.togglePause)
	path := writeFile(t, "policy.al3", validAL3(t))
	h.win.AddPaths([]string{path})
	h.waitRow("policy.al3", uploader.EventWaiting, nil)
	onUIWait(h.win.quitAsking)
	d := h.waitDialog("1 file is not sent yet")
	h.tapButton(d, "Keep sending")
	h.waitUI("the question to close", func() bool { return h.dialog() == nil })
	if len(h.items(path)) != 1 {
		t.Error("the file left the queue")
	}
}

// TestInformationDialogsCloseOnEnter, and the window's keys work again after.
func TestInformationDialogsCloseOnEnter(t *testing.T) {
	h := newHarness(t)
	onUIWait(func() { showInfo("Not added", "Nothing to add.", h.win.win) })
	h.waitDialog("Nothing to add")
	onUIWait(func() { h.win.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	h.waitUI("Enter to close the dialog", func() bool { return h.dialog() == nil })
	onUIWait(func() {
		if h.win.win.Canvas().OnTypedKey() == nil {
			t.Error("the window's key handler is gone")
		}
	})
}

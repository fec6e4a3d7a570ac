package ui

import (
	"sync/atomic"
	"testing"

	"exchange/uploader"
)

// fakePicker stands in for the system dialog: each call takes the next answer.
func fakePicker(t *testing.T, answers ...[]string) (opened <-chan string) {
	t.Helper()
	queue := make(chan []string, len(answers))
	for _, a := range answers {
		queue <- a
	}
	titles := make(chan string, len(answers)+1)
	restore := nativePick
	t.Cleanup(func() { nativePick = restore })
	nativePick = func(title string, _ any) ([]string, error) {
		titles <- title
		return <-queue, nil
	}
	return titles
}

// TestPickerAddsEveryFileChosen: the system dialog's several files are all
// queued, and a cancel adds nothing.
func TestPickerAddsEveryFileChosen(t *testing.T) {
	h := newHarness(t)
	a, b := writeFile(t, "one.al3", validAL3(t)), writeFile(t, "two.al3", validAL3(t))
	opened := fakePicker(t, nil, []string{a, b}) // cancel first, then two files
	onUIWait(h.win.pickFiles)
	<-opened
	h.waitFor("the first dialog to close", func() bool { return !h.win.picking.Load() })
	onUIWait(h.win.pickFiles)
	<-opened
	h.waitFor("both files", func() bool {
		return h.rowState("one.al3") == uploader.EventDone && h.rowState("two.al3") == uploader.EventDone
	})
	if n := h.win.model.Len(); n != 2 {
		t.Errorf("%d rows, want 2 (the cancel must add nothing)", n)
	}
}

// TestPickerOpensOnce: Add files… while the dialog is open does not open a second one.
func TestPickerOpensOnce(t *testing.T) {
	h := newHarness(t)
	release := make(chan []string)
	var calls atomic.Int32
	restore := nativePick
	t.Cleanup(func() { nativePick = restore })
	nativePick = func(string, any) ([]string, error) {
		calls.Add(1)
		return <-release, nil
	}
	onUIWait(h.win.pickFiles)
	h.waitFor("the dialog to open", func() bool { return calls.Load() == 1 })
	onUIWait(h.win.pickFiles) // the first dialog is still open
	release <- nil
	h.waitFor("the dialog to close", func() bool { return !h.win.picking.Load() })
	if n := calls.Load(); n != 1 {
		t.Errorf("%d dialogs opened, want 1", n)
	}
}

// TestPickerFallsBackToFyneDialog: without a system dialog the window opens
// Fyne's file dialog rather than doing nothing.
func TestPickerFallsBackToFyneDialog(t *testing.T) {
	h := newHarness(t)
	restore := nativePick
	t.Cleanup(func() { nativePick = restore })
	nativePick = func(string, any) ([]string, error) { return nil, errNoNativePicker }
	var before int
	onUIWait(func() { before = len(h.win.win.Canvas().Overlays().List()) })
	onUIWait(h.win.pickFiles)
	h.waitFor("Fyne's file dialog", func() bool {
		var n int
		onUIWait(func() { n = len(h.win.win.Canvas().Overlays().List()) })
		return n > before
	})
}

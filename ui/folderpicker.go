package ui

import (
	"errors"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"github.com/ncruces/zenity"
)

// "Add folder…" asks for a folder with the system's own dialog (Windows' and
// macOS's, zenity's on Linux, as "Add files…" does), or Fyne's where there
// is none, then adds its files as a folder dropped on the window does: its
// own files at once, and a question first when it holds subfolders (whose
// files are added too if the clerk ticks it) or more than largeAdd files.

// nativePickFolder runs the system's folder dialog (it blocks: call it off
// the UI thread) over parent (see nativeParent). It returns "" and no error
// when the user cancels.
var nativePickFolder = func(title string, parent any) (string, error) {
	opts := []zenity.Option{zenity.Title(title), zenity.Directory()}
	if parent != nil {
		opts = append(opts, zenity.Attach(parent))
	}
	dir, err := zenity.SelectFile(opts...)
	switch {
	case errors.Is(err, zenity.ErrCanceled):
		return "", nil
	case err != nil:
		return "", errors.Join(errNoNativePicker, err)
	}
	return dir, nil
}

// pickFolder asks for a folder, then adds its files (UI goroutine).
func (w *Window) pickFolder() {
	done := func(dir string) { w.addDropped([]string{dir}) }
	if w.deps.PickFolder != nil {
		w.deps.PickFolder(done)
		return
	}
	if !w.picking.CompareAndSwap(false, true) {
		return // a dialog is open already
	}
	parent := w.nativeParent()
	go func() {
		dir, err := nativePickFolder(lang.L("Add the files of a folder"), parent)
		w.picking.Store(false)
		if err != nil {
			log.Printf("folder picker: %v; using the built-in dialog", err)
			onUI(func() { w.pickFolderWithFyneDialog(done) })
			return
		}
		if dir != "" {
			onUI(func() { done(dir) })
		}
	}()
}

// pickFolderWithFyneDialog is Fyne's folder dialog.
func (w *Window) pickFolderWithFyneDialog(done func(dir string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		done(u.Path())
	}, w.win)
	d.Show()
	d.Resize(fyne.NewSize(800, 560))
}

package ui

import (
	"errors"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"github.com/ncruces/zenity"
)

// The picker asks for files to add with the system's own dialog (Windows'
// and macOS's, or zenity's on Linux), where the user can select several files
// at once and reach network drives and recent places. Where there is none (a
// Linux desktop without zenity), it falls back to Fyne's dialog, which picks
// one file at a time.

// pickerFilters lists the kinds of files Exchange checks first, then any file.
var pickerFilters = zenity.FileFilters{
	{Name: "AL3 downloads and Excel workbooks", Patterns: []string{"*.al3", "*.AL3", "*.dat", "*.DAT", "*.xlsx", "*.XLSX", "*.xlsm", "*.xls", "*.XLS"}, CaseFold: true},
	{Name: "All files", Patterns: []string{"*"}},
}

// errNoNativePicker says the system has no file dialog Exchange can open.
var errNoNativePicker = errors.New("no system file dialog")

// nativePick runs the system's file dialog (it blocks: call it off the UI
// thread). It returns no paths and no error when the user cancels.
var nativePick = func(title string) ([]string, error) {
	paths, err := zenity.SelectFileMultiple(zenity.Title(title), pickerFilters)
	switch {
	case errors.Is(err, zenity.ErrCanceled):
		return nil, nil
	case err != nil:
		return nil, errors.Join(errNoNativePicker, err)
	}
	return paths, nil
}

// pickWithSystemDialog asks for files with the system's dialog, then calls
// done on the UI thread with the paths chosen. When the system has no
// dialog, it opens Fyne's instead.
func (w *Window) pickWithSystemDialog(done func(paths []string)) {
	if !w.picking.CompareAndSwap(false, true) {
		return // the dialog is open already
	}
	go func() {
		paths, err := nativePick("Add files to send")
		w.picking.Store(false)
		if err != nil {
			log.Printf("file picker: %v; using the built-in dialog", err)
			onUI(func() { w.pickWithFyneDialog(done) })
			return
		}
		if len(paths) > 0 {
			onUI(func() { done(paths) })
		}
	}()
}

// pickWithFyneDialog is Fyne's file dialog: one file at a time.
func (w *Window) pickWithFyneDialog(done func(paths []string)) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		_ = rc.Close()
		done([]string{path})
	}, w.win)
	d.Show()
	d.Resize(fyne.NewSize(800, 560)) // after Show: a FileDialog has no size before
}

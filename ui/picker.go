package ui

import (
	"errors"
	"log"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/lang"
	"github.com/ncruces/zenity"
)

// The picker asks for files to add with the system's own dialog (Windows'
// and macOS's, or zenity's on Linux), where the user can select several files
// at once and reach network drives and recent places. Where there is none (a
// Linux desktop without zenity), it falls back to Fyne's dialog, which picks
// one file at a time.

// pickerFilters lists the kinds of files Exchange checks first, then any file.
func pickerFilters() zenity.FileFilters {
	return zenity.FileFilters{
		{Name: lang.L("AL3 downloads and Excel workbooks"), Patterns: []string{"*.al3", "*.dat", "*.xlsx", "*.xlsm", "*.xls"}, CaseFold: true},
		{Name: lang.L("All files"), Patterns: []string{"*"}},
	}
}

// errNoNativePicker says the system has no file dialog Exchange can open.
var errNoNativePicker = errors.New("no system file dialog")

// nativePick runs the system's file dialog (it blocks: call it off the UI
// thread), over the window parent when it is not nil (see nativeParent). It
// returns no paths and no error when the user cancels.
var nativePick = func(title string, parent any) ([]string, error) {
	opts := []zenity.Option{zenity.Title(title), pickerFilters()}
	if parent != nil {
		opts = append(opts, zenity.Attach(parent))
	}
	paths, err := zenity.SelectFileMultiple(opts...)
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
	parent := w.nativeParent()
	go func() {
		paths, err := nativePick(lang.L("Add files to send"), parent)
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

// nativeParent is the window as the system knows it, so that the system's
// dialog opens over it and stays with it (on Windows, the window's handle;
// on X11, its window id; on macOS, this process), or nil. Call it on the UI
// goroutine.
func (w *Window) nativeParent() any {
	nw, ok := w.win.(driver.NativeWindow)
	if !ok {
		return nil
	}
	var parent any
	nw.RunNative(func(ctx any) {
		switch c := ctx.(type) {
		case driver.WindowsWindowContext:
			if c.HWND != 0 {
				parent = c.HWND
			}
		case driver.X11WindowContext:
			if c.WindowHandle != 0 {
				parent = int(c.WindowHandle)
			}
		case driver.MacWindowContext:
			parent = os.Getpid()
		}
	})
	return parent
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

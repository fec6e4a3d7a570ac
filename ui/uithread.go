package ui

import (
	"sync"

	"fyne.io/fyne/v2"
)

// uiMu serialises every widget update that starts off the UI goroutine. In
// the app fyne.Do already runs them on the main goroutine; Fyne's test driver
// runs fyne.Do inline on the caller, so without this lock updates from the
// service's goroutines would race each other under -race.
var uiMu sync.Mutex

// onUI runs fn on the UI goroutine, serialised with every other onUI call.
func onUI(fn func()) {
	fyne.Do(func() {
		uiMu.Lock()
		defer uiMu.Unlock()
		fn()
	})
}

// onUIWait is onUI that returns when fn has run.
func onUIWait(fn func()) {
	fyne.DoAndWait(func() {
		uiMu.Lock()
		defer uiMu.Unlock()
		fn()
	})
}

// DoAndWait runs fn on the UI goroutine, serialised with the window's own
// updates, and returns when it has run. Tests that drive the assembled
// program touch widgets through it.
func DoAndWait(fn func()) { onUIWait(fn) }

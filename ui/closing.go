package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
)

// onClose hides the window into the tray when a tray shows it (uploads go
// on), or else quits, after asking when files are still to send.
func (w *Window) onClose() {
	w.saveSize()
	if w.tray != nil && w.tray.hostPresent {
		w.win.Hide()
		return
	}
	w.quitAsking()
}

// quitAsking quits (Ctrl+Q, or closing the window without a tray); while
// files are still to send it asks first.
func (w *Window) quitAsking() {
	n := w.model.Totals().pendingFiles()
	if n == 0 {
		w.quit()
		return
	}
	d := dialog.NewConfirm(lang.L("Quit Exchange?"), quitQuestion(n), func(ok bool) {
		if ok {
			w.quit()
		}
	}, w.win)
	d.SetConfirmText(lang.L("Quit"))
	d.SetDismissText(lang.L("Keep sending"))
	d.Show()
}

// quitQuestion asks whether to quit with n files still to send.
func quitQuestion(n int) string {
	return lang.N("{{.Count}} files are not sent yet. If you quit now, they stay in the queue and are sent the next time Exchange starts.", n, counted(n))
}

// showInfo shows an information dialog that Enter (or Escape) closes.
func showInfo(title, message string, win fyne.Window) {
	d := dialog.NewInformation(title, message, win)
	closeOnEnter(d, win)
	d.Show()
}

// closeOnEnter makes Enter and Escape close d: Fyne's dialogs take no keys.
// The window's own key handler gets every other key, and is back once d
// has closed.
func closeOnEnter(d dialog.Dialog, win fyne.Window) {
	c := win.Canvas()
	prev := c.OnTypedKey()
	c.Unfocus()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
			d.Hide()
		default:
			if prev != nil {
				prev(ev)
			}
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(prev) })
}

// background runs fn on a goroutine of its own, unless the window has
// stopped; Stop waits for it.
func (w *Window) background(fn func()) {
	if w.stopped.Load() {
		return
	}
	w.bg.Add(1)
	go func() {
		defer w.bg.Done()
		if !w.stopped.Load() {
			fn()
		}
	}()
}

// Stop ends the window's work on the service: no more events, redraws or
// questions to the journal; it returns when the ones under way are done.
// Call it off the UI goroutine before closing the service and journal.
func (w *Window) Stop() {
	w.stopped.Store(true)
	if w.unsubscribe != nil {
		w.unsubscribe()
	}
	w.bg.Wait()
}

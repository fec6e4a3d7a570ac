package ui

import (
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// LoginStarter turns "Start Exchange when I log in" on and off (package
// app/autostart behind a small adapter).
type LoginStarter interface {
	Enabled() (bool, error)
	Set(on bool) error
}

// AddStartAtLogin puts "Start Exchange when I log in" on the "Watch
// folders" tab (an office PC keeps sending after a reboot). Call it on the
// UI goroutine after AddWatchFolders.
func (w *Window) AddStartAtLogin(s LoginStarter) {
	t := w.watches
	if t == nil {
		return
	}
	check := widget.NewCheck(lang.L("Start Exchange when I log in, so that watched folders keep sending after a restart"), nil)
	if on, err := s.Enabled(); err == nil {
		check.SetChecked(on)
	}
	check.OnChanged = func(on bool) {
		if err := s.Set(on); err != nil {
			dialog.ShowError(err, w.win)
			return
		}
		state := "off"
		if on {
			state = "on"
		}
		w.deps.Log.Add("start at login: " + state)
	}
	t.form.Add(check)
}

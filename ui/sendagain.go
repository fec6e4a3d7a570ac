package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"exchange/profile"
	"exchange/uploader"
)

// canSendAgain reports whether History offers "Send again" for e: not for
// a file refused as invalid (it would be refused again, never sent).
func canSendAgain(e uploader.HistoryEntry) bool {
	return e.Outcome != uploader.OutcomeInvalid
}

// sendAgain sends a file of the history again, to the server it went to
// then; when that server's profile is gone, the clerk is asked first. The
// clerk asked for it, so it is not asked about as a duplicate.
func (w *Window) sendAgain(e uploader.HistoryEntry) {
	cur := w.CurrentProfile()
	if strings.EqualFold(e.Profile, cur.Name) {
		w.addAgain(e.LocalFile())
		return
	}
	p, err := w.deps.Profiles.Get(e.Profile)
	if err != nil {
		dialog.ShowConfirm(lang.L("Server no longer set up"),
			fmt.Sprintf(lang.L("%s was sent to %q, which is no longer among your servers.")+"\n\n"+lang.L("Send it to %q instead?"), e.LocalFile(), e.Profile, cur.Name),
			func(ok bool) {
				if ok {
					w.addAgain(e.LocalFile())
				}
			}, w.win)
		return
	}
	go func() {
		pw, err := w.asker.Password(context.Background(), p)
		if err != nil {
			return // canceled: nothing sent
		}
		onUI(func() { w.addTo(p, pw, e.LocalFile()) })
	}()
}

// addTo queues paths for p, then gives the toolbar's server back its place
// as the one new files go to.
func (w *Window) addTo(p profile.Profile, password string, paths ...string) {
	w.mu.Lock()
	cur, curPassword := w.current, w.password
	w.mu.Unlock()
	w.bk.SetProfile(p.WithDefaults(), password)
	_, err := w.bk.AddAgain("", paths...)
	w.bk.SetProfile(cur, curPassword)
	if err != nil {
		w.report(fmt.Errorf(lang.L("could not add the files: %w"), err))
		return
	}
	w.bk.Start()
}

// addAgain queues paths the clerk asked to send again to the current server.
func (w *Window) addAgain(paths ...string) {
	if _, err := w.bk.AddAgain("", paths...); err != nil {
		dialog.ShowError(fmt.Errorf(lang.L("could not add the files: %w"), err), w.win)
		return
	}
	w.bk.Start()
}

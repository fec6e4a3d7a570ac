package desktop

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"exchange/app"
	"exchange/profile"
)

// startAudit subscribes the audit trail to the service before anything is
// queued. A trail the administrator requires and that cannot be written
// pauses the service (nothing is sent) and says why; one that is not
// required only goes to the log.
func (d *Desktop) startAudit(fw fyne.Window) {
	a := app.StartAudit(d.Service, d.Parts.Policies, d.serverOf, func(err error) {
		d.Log.Add("audit: " + err.Error())
		d.logger.Error("audit", "error", err)
	})
	d.Audit = a
	d.auditing.Store(a)
	if err := a.MaySend(profile.Profile{}); err != nil {
		// The service refuses every file (Options.MaySend) and says why.
		d.Log.Add("audit: " + err.Error())
		d.logger.Error("audit", "error", err)
		dialog.ShowError(err, fw)
		return
	}
	if err := a.Unavailable(); err != nil {
		d.Log.Add("audit: " + err.Error() + "; files are sent without it")
	}
}

// maySend is the service's gate: the audit trail's (nil before it starts).
func (d *Desktop) maySend(p profile.Profile) error { return d.auditing.Load().MaySend(p) }

// serverOf is host:port of a profile by name, for the audit.
func (d *Desktop) serverOf(name string) string {
	p, err := d.Parts.Profiles.Get(name)
	if err != nil {
		return ""
	}
	return app.ServerAddress(p)
}

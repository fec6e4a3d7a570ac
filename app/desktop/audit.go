package desktop

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"exchange/app"
)

// startAudit subscribes the audit trail to the service before anything is
// queued. A trail the administrator requires and that cannot be written
// pauses the service (nothing is sent) and says why; one that is not
// required only goes to the log.
func (d *Desktop) startAudit(fw fyne.Window) {
	a, err := app.StartAudit(d.Service, d.Parts.Policies, d.serverOf, func(err error) {
		d.Log.Add("audit: " + err.Error())
	})
	if err != nil {
		d.Service.Pause()
		d.Log.Add("audit: " + err.Error())
		dialog.ShowError(err, fw)
		return
	}
	d.Audit = a
	if err := a.Unavailable(); err != nil {
		d.Log.Add("audit: " + err.Error() + "; files are sent without it")
	}
}

// serverOf is host:port of a profile by name, for the audit.
func (d *Desktop) serverOf(name string) string {
	p, err := d.Parts.Profiles.Get(name)
	if err != nil {
		return ""
	}
	return app.ServerAddress(p)
}

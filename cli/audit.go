package cli

import (
	"fmt"
	"io"

	"exchange/app"
	"exchange/profile"
	"exchange/uploader"
)

// startAudit opens the audit trail of an upload run and subscribes it to
// svc. When it cannot be opened the upload goes on with a note on stderr,
// unless the administrator requires the trail: then nothing is sent. When a
// record cannot be written later and the trail is required, the service is
// paused and stop is called (the command then ends; unfinished files stay
// queued).
func startAudit(stderr io.Writer, svc *uploader.Service, p profile.Profile, stop func()) (*app.Audit, error) {
	pol, err := profile.MachinePolicies()
	if err != nil {
		return nil, err
	}
	server := app.ServerAddress(p)
	a := app.StartAudit(svc, pol, func(string) string { return server }, func(error) { stop() })
	if err := a.MaySend(p); err != nil {
		return nil, err
	}
	if err := a.Unavailable(); err != nil {
		fmt.Fprintf(stderr, "exchange upload: note: %s; the files are sent without it\n", safeText(err.Error()))
	}
	return a, nil
}

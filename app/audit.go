package app

import (
	"fmt"
	"net"
	"strconv"
	"sync"

	"exchange/audit"
	"exchange/profile"
	"exchange/uploader"
)

// Audit is the audit trail of a running service.
type Audit struct {
	trail       *audit.Trail
	unsubscribe func()
	required    bool  // the administrator requires it
	openErr     error // the trail could not be opened
	mu          sync.Mutex
	err         error // the first record that could not be written
}

// StartAudit opens the audit trail as the administrator's policies place it
// and subscribes it to svc, before files are added. server names the
// host:port of a profile. A trail that cannot be opened is said by
// Unavailable; when the policies require it, MaySend then refuses every
// send (give it to the service as uploader.Options.MaySend). When a record
// cannot be written later and the trail is required, svc is paused (the
// files stay queued), MaySend refuses from then on, and failed is called (on
// the subscriber's goroutine).
func StartAudit(svc *uploader.Service, pol profile.Policies, server func(profile string) string, failed func(error)) *Audit {
	trail, err := audit.Open(audit.Options{Dir: pol.AuditDir, MaxSizeMB: pol.AuditMaxSizeMB, Keep: pol.AuditKeep})
	if err != nil {
		return &Audit{openErr: err, required: pol.RequireAudit}
	}
	a := &Audit{trail: trail, required: pol.RequireAudit}
	a.unsubscribe = svc.Subscribe(AuditEvents(trail, server, func(err error) {
		a.mu.Lock()
		first := a.err == nil
		if first {
			a.err = err
		}
		a.mu.Unlock()
		if pol.RequireAudit {
			svc.Pause()
			if first && failed != nil {
				failed(fmt.Errorf("%w (%v)", audit.ErrRequired, err))
			}
		}
	}))
	return a
}

// MaySend refuses to send while a required trail is not written: when it
// could not be opened, and after a record could not be written. A nil Audit
// (not started yet) refuses nothing.
func (a *Audit) MaySend(profile.Profile) error {
	if a == nil || !a.required {
		return nil
	}
	if a.openErr != nil {
		return fmt.Errorf("%w (%v)", audit.ErrRequired, a.openErr)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.err != nil {
		return fmt.Errorf("%w (%v)", audit.ErrRequired, a.err)
	}
	return nil
}

// Unavailable is why the trail could not be opened, nil when it is written.
func (a *Audit) Unavailable() error { return a.openErr }

// Dir is the trail's folder ("" when unavailable).
func (a *Audit) Dir() string {
	if a.trail == nil {
		return ""
	}
	return a.trail.Dir()
}

// Close delivers the last decisions to the trail and closes it (after the
// service is closed); it returns the first record that could not be written.
func (a *Audit) Close() error {
	if a == nil || a.trail == nil {
		return nil
	}
	a.unsubscribe()
	_ = a.trail.Close()
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

// ServerAddress is host:port of a profile, as the audit names the server.
func ServerAddress(p profile.Profile) string {
	port := p.Port
	if port == 0 {
		port = 21
		if p.TLS == "implicit" {
			port = 990
		}
	}
	return net.JoinHostPort(p.Host, strconv.Itoa(port))
}

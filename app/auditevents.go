package app

import (
	"strings"
	"sync"

	"exchange/audit"
	"exchange/uploader"
)

// AuditEvents turns the service's decisions into audit records: a file
// done, skipped, invalid, failed, canceled or removed is one line each.
// server names the host:port of a profile. failed is called, on the
// subscriber's goroutine, when a record cannot be written (with a required
// trail the caller pauses the service there).
func AuditEvents(trail *audit.Trail, server func(profile string) string, failed func(error)) func(uploader.Event) {
	var mu sync.Mutex
	decided := map[uploader.ItemID]bool{} // its last event was a decision
	return func(e uploader.Event) {
		r, ok := auditRecord(e)
		mu.Lock()
		was := decided[e.Item]
		decided[e.Item] = ok
		if e.Kind == uploader.EventRemoved {
			delete(decided, e.Item)
		}
		mu.Unlock()
		if !ok || (e.Kind == uploader.EventRemoved && was) {
			return // not a decision, or a decided file taken off the list
		}
		if server != nil {
			r.Server = server(e.Profile)
		}
		if err := trail.Append(r); err != nil && failed != nil {
			failed(err)
		}
	}
}

// auditRecord is the record of a decision event; ok is false for the
// events that are not decisions (queued, uploading, retrying...).
func auditRecord(e uploader.Event) (audit.Record, bool) {
	r := audit.Record{Time: e.Time, Path: e.Path, Size: e.Size, SHA256: e.SHA256, Profile: e.Profile, RemotePath: e.RemotePath}
	switch e.Kind {
	case uploader.EventDone:
		r.Outcome, r.Reason = audit.Sent, e.Note
	case uploader.EventSkipped:
		r.Outcome, r.Reason = audit.Skipped, e.Note
	case uploader.EventInvalid:
		r.Outcome, r.Reason = audit.Invalid, e.Note
	case uploader.EventFailed:
		r.Outcome, r.Reason = audit.Failed, joinReason(e.Err, e.Note)
	case uploader.EventCanceled:
		r.Outcome, r.Reason = audit.Canceled, joinReason("canceled by the user", e.Note)
	case uploader.EventRemoved:
		r.Outcome, r.Reason = audit.Removed, "removed from the list before it was sent"
	default:
		return audit.Record{}, false
	}
	if e.Kind != uploader.EventDone && e.Kind != uploader.EventSkipped {
		r.RemotePath = ""
	}
	return r, true
}

func joinReason(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}

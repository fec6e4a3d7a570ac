package uploader

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"exchange/internal/units"
	"exchange/profile"
	"exchange/transport"
)

// pendingRename is a verified temporary file waiting for its final name to be
// on disk in the journal before the rename (step 7 of a transfer). The
// transfer fills it in once, when the file is verified.
type pendingRename struct {
	temp, final string
	exists      bool // final was taken (overwrite)
	policy      profile.ExistsPolicy
	offset      int64 // where the upload resumed
	durable     <-chan error
	arrived     func() // tells the folder's listing the final name is taken (nil: nothing to tell)
	durableErr  error
	done        bool
}

// ready reports, without waiting, whether the journal commit is done.
func (p *pendingRename) ready() bool {
	if p.done {
		return true
	}
	select {
	case p.durableErr = <-p.durable:
		p.done = true
	default:
	}
	return p.done
}

func (p *pendingRename) waitDurable() error {
	if !p.done {
		p.durableErr = <-p.durable
		p.done = true
	}
	return p.durableErr
}

// rename completes a pending rename on sess (nil when the worker's session
// is gone). A pause or shutdown does not stop it (the file is complete); a
// cancel deletes the temporary file instead.
func (p *pendingRename) rename(ctx context.Context, sess transport.Session) (result, error) {
	if err := p.waitDurable(); err != nil {
		return result{}, &JournalError{Err: err}
	}
	if cause := context.Cause(ctx); ctx.Err() != nil && (cause == errCanceled || cause == errRemoved) {
		if sess != nil {
			_ = sess.Delete(p.temp)
		}
		return result{}, cause
	}
	if sess == nil {
		return result{}, &transport.Error{Op: "RNFR " + p.temp, Kind: transport.ClassRetryable, Err: errors.New("connection closed")}
	}
	err := sess.Rename(p.temp, p.final)
	if err != nil && p.exists && p.policy == profile.Overwrite && transport.ClassOf(err) == transport.ClassPermanent {
		// Some servers refuse to rename onto an existing file.
		if derr := sess.Delete(p.final); derr == nil {
			err = sess.Rename(p.temp, p.final)
		}
	}
	if err != nil {
		return result{}, err
	}
	if p.arrived != nil {
		p.arrived()
	}
	return result{remote: p.final, note: p.note()}, nil
}

// note says how the file arrived, when that is worth saying.
func (p *pendingRename) note() string {
	note := ""
	if p.offset > 0 {
		note = fmt.Sprintf("resumed at %s", units.Bytes(p.offset))
	}
	if p.exists && p.policy == profile.Overwrite {
		note = strings.TrimPrefix(note+"; replaced the file already on the server", "; ")
	}
	return note
}

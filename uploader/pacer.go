package uploader

import (
	"sync/atomic"
	"time"

	"exchange/transport"
)

// A server that takes only so many sessions at once refuses one more at its
// greeting or login ("421 There are too many connected users", "421 10 users
// (the maximum) are already logged in"). That says nothing about the file the
// worker was about to send, so it is not one of the file's attempts: the
// profile's pacer (one per profile) holds back new connections to it for a
// while (the service's Backoff, growing with each round of refusals), the
// file waits, and the workers whose sessions are open go on sending. After a
// refusal, new sessions are tried one at a time until one opens: some
// servers (pure-ftpd) refuse every one of several connections that arrive
// together. Only a
// server that refuses every session for more than MaxRetries rounds is taken
// for a failing one: its files then retry and fail as before.

// NoteConnectionLimit is the Note of a file waiting because the server has
// too many connections.
const NoteConnectionLimit = "the server has too many connections open: waiting for one to free up"

// pacer holds back new sessions of one profile.
type pacer struct {
	until   time.Time    // no new session before this
	rounds  int          // rounds of refusals since a session last opened
	prober  ItemID       // the item whose worker is trying a new session after a refusal
	dialing int          // sessions being opened now (a login may take a while)
	open    atomic.Int32 // sessions of the profile open now
}

// connectionLimitError is a connection the server refused because it has
// too many.
type connectionLimitError struct{ err error }

func (e *connectionLimitError) Error() string { return e.err.Error() }
func (e *connectionLimitError) Unwrap() error { return e.err }

// asConnectionLimit marks a failed connect that is the server's limit of
// sessions: a 421 at the greeting or login, or a refusal that says "too
// many" connections or clients.
func asConnectionLimit(err error) error {
	if transport.Busy(err) {
		return &connectionLimitError{err: err}
	}
	return err
}

// holdsBack reports whether a worker without a session of the profile may
// not open one now, and until when (zero: until a change).
func (p *pacer) holdsBack(now time.Time) (bool, time.Time) {
	switch {
	case now.Before(p.until):
		return true, p.until
	case p.rounds > 0 && p.prober != "":
		return true, time.Time{}
	}
	return false, time.Time{}
}

// take records that a worker without a session takes id: after a refusal,
// its connection is the one tried.
func (p *pacer) take(id ItemID) {
	if p.rounds > 0 {
		p.prober = id
	}
}

// done ends the try of id, however it went.
func (p *pacer) done(id ItemID) {
	if p.prober == id {
		p.prober = ""
	}
}

// opened records a session of the profile that opened.
func (p *pacer) opened() {
	p.open.Add(1)
	p.rounds, p.prober = 0, ""
}

// pacedLocked puts back the file of a job whose connection the server
// refused for its limit, and holds back new sessions of its profile. It
// reports false when the server refused every session for too long: the
// failure then counts as any other.
func (s *Service) pacedLocked(w *worker, j *job) bool {
	pc := &j.e.pace
	now := s.now()
	if held, _ := pc.holdsBack(now); !held {
		if pc.open.Load() == 0 && pc.dialing == 0 && pc.rounds >= j.e.p.MaxRetries {
			return false
		}
		pc.rounds++
		pc.until = now.Add(s.opts.Backoff(pc.rounds + 1))
	}
	w.drop()
	it := j.it
	it.attempt-- // not the file's fault
	s.emitItem(it, Event{Kind: EventWaiting, Total: it.rec.Size, Note: NoteConnectionLimit})
	s.signal()
	return true
}

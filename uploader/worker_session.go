package uploader

import (
	"context"
	"time"

	"exchange/profile"
	"exchange/transport"
)

// connect makes sure the worker has a working session for the job's
// profile: one of an older profile or generation is replaced, an idle one is
// checked with a NOOP.
func (w *worker) connect(j *job, p profile.Profile, password string, gen int) error {
	if w.sess != nil && (w.profile != p.Name || w.gen != gen) {
		w.drop()
	}
	if w.sess != nil && time.Since(w.used) > idleCheck {
		if err := w.sess.Noop(); err != nil {
			w.drop()
		}
	}
	if w.sess != nil {
		return nil
	}
	s := w.s
	s.mu.Lock()
	s.emitItem(j.it, Event{Kind: EventConnecting, Attempt: j.it.attempt})
	j.e.pace.dialing++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		j.e.pace.dialing--
		s.mu.Unlock()
	}()
	cfg, err := p.ClientConfig(password)
	if err != nil {
		return &transport.Error{Op: "connect", Kind: transport.ClassPermanent, Local: true, Err: err}
	}
	if s.opts.Configure != nil {
		s.opts.Configure(j.ctx, p, &cfg)
	}
	s.mu.Lock()
	if j.e.loginGen == gen {
		cfg.KnownLoginDir = j.e.loginDir
	}
	s.mu.Unlock()
	sess, err := s.opts.Dial(j.ctx, cfg)
	if err != nil {
		if j.ctx.Err() != nil {
			return context.Cause(j.ctx)
		}
		return asConnectionLimit(err)
	}
	w.sess, w.profile, w.gen, w.dirs, w.entry = sess, p.Name, gen, map[string]bool{}, j.e
	s.mu.Lock()
	j.e.pace.opened()
	if dir := sess.LoginDir(); dir != "" && j.e.gen == gen {
		j.e.loginDir, j.e.loginGen = dir, gen
	}
	s.mu.Unlock()
	return nil
}

// makeDir creates the remote folder once per session.
func (w *worker) makeDir(dir string) error {
	if dir == "" || w.dirs[dir] {
		return nil
	}
	if err := w.sess.MakeDirAll(dir); err != nil {
		// Another worker may have created it between our check and our MKD.
		if err := w.sess.MakeDirAll(dir); err != nil {
			return err
		}
	}
	w.dirs[dir] = true
	return nil
}

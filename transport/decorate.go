package transport

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
)

// Decorate puts the decorators every protocol shares around a session, once:
// every path is checked before anything is sent (CheckPath; a negative
// offset is refused too), and a wait that timed out closes the session. A
// protocol's Dial returns its session through Decorate, having passed
// cfg.Log through RedactedLog (see DecorateConfig).
func Decorate(s Session) Session {
	if _, done := s.(*decorated); done {
		return s
	}
	return &decorated{inner: s}
}

// DecorateConfig is the part of the decoration done before dialing: the
// protocol log is redacted whatever the protocol writes into it.
func DecorateConfig(cfg Config) Config {
	cfg.Log = RedactedLog(cfg.Log)
	return cfg
}

// Unwrap is the protocol's own session under the decorators.
func Unwrap(s Session) Session {
	if d, ok := s.(*decorated); ok {
		return d.inner
	}
	return s
}

// decorated checks paths before the inner session sees them, and closes the
// inner session after a wait timed out: the reply that did not come may
// still arrive and would answer the next command. Later calls then fail at
// once with a retryable error; the caller opens a new session.
type decorated struct {
	inner  Session
	broken error
}

// run runs op unless the session is broken, and breaks it on a timeout.
func (d *decorated) run(op func() error) error {
	if d.broken != nil {
		return d.broken
	}
	err := op()
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
		d.broken = &Error{Op: "session", Kind: ClassRetryable, Err: fmt.Errorf("closed after a timeout: %w", err)}
		if a, ok := d.inner.(Aborter); ok {
			a.Abort(d.broken)
		} else {
			_ = d.inner.Quit()
		}
	}
	return err
}

func checkPaths(paths ...string) error {
	for _, p := range paths {
		if err := CheckPath(p); err != nil {
			return err
		}
	}
	return nil
}

// Features is a copy: the caller may change it.
func (d *decorated) Features() map[string]string { return maps.Clone(d.inner.Features()) }

func (d *decorated) LoginDir() string { return d.inner.LoginDir() }

func (d *decorated) MakeDirAll(dir string) error {
	if err := CheckPath(dir); err != nil {
		return err
	}
	return d.run(func() error { return d.inner.MakeDirAll(dir) })
}

func (d *decorated) Size(p string) (n int64, err error) {
	if err := CheckPath(p); err != nil {
		return 0, err
	}
	err = d.run(func() (err error) { n, err = d.inner.Size(p); return err })
	return n, err
}

func (d *decorated) Store(p string, r io.Reader, offset int64) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	if offset < 0 {
		return RefusedHere("store "+p, fmt.Errorf("negative offset %d", offset))
	}
	return d.run(func() error { return d.inner.Store(p, r, offset) })
}

func (d *decorated) Append(p string, r io.Reader) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	return d.run(func() error { return d.inner.Append(p, r) })
}

func (d *decorated) Rename(from, to string) error {
	if err := checkPaths(from, to); err != nil {
		return err
	}
	return d.run(func() error { return d.inner.Rename(from, to) })
}

func (d *decorated) Delete(p string) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	return d.run(func() error { return d.inner.Delete(p) })
}

func (d *decorated) Hash(p string) (algo, sum string, err error) {
	if err := CheckPath(p); err != nil {
		return "", "", err
	}
	err = d.run(func() (err error) { algo, sum, err = d.inner.Hash(p); return err })
	return algo, sum, err
}

func (d *decorated) Noop() error { return d.run(d.inner.Noop) }

// Quit closes the inner session (a no-op after a timeout closed it).
func (d *decorated) Quit() error { return d.inner.Quit() }

// Abort stops the inner session from another goroutine (see Aborter).
func (d *decorated) Abort(cause error) { Abort(d.inner, cause) }

package ftpclient

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"exchange/transport"
)

// watchDial runs while Dial greets, secures and logs in: a canceled ctx
// closes the connection at once (whatever is being read), and a plain
// greeting that has not begun after TLSProbeAfter makes it ask the port, on a
// second connection, whether it speaks TLS. stop ends the watch (the session
// then no longer depends on ctx).
func watchDial(ctx context.Context, g *replyGuard, cfg *transport.Config) (stop func()) {
	stopCancel := context.AfterFunc(ctx, func() {
		g.fail(fmt.Errorf("stopped while connecting: %w", context.Cause(ctx)))
	})
	done := make(chan struct{})
	probeCtx, cancelProbe := context.WithCancel(ctx)
	if cfg.TLS != transport.TLSImplicit {
		go func() {
			t := time.NewTimer(cfg.TLSProbeWait())
			defer t.Stop()
			select {
			case <-done:
				return
			case <-t.C:
			}
			if g.gotFirst.Load() {
				return
			}
			if speaksTLS(probeCtx, cfg, cfg.WaitTimeout()) {
				g.fail(&TLSPortError{})
			}
		}()
	}
	return func() {
		stopCancel()
		cancelProbe()
		close(done)
	}
}

// speaksTLS opens a second connection to the server (through the proxy, if
// any) and sends a TLS ClientHello:
// a ServerHello (or a TLS alert) means the port speaks TLS from the first
// byte. Nothing but the hello is sent; the certificate does not matter here.
func speaksTLS(ctx context.Context, cfg *transport.Config, timeout time.Duration) bool {
	ctx, cancel := context.WithTimeout(ctx, min(timeout, 10*time.Second))
	defer cancel()
	host := cfg.Host
	raw, err := dialTCP(ctx, cfg, &net.Dialer{}, cfg.Address())
	if err != nil {
		return false
	}
	defer raw.Close()
	tc := tls.Client(raw, &tls.Config{ServerName: host, InsecureSkipVerify: true}) //nolint:gosec // a probe: nothing is sent over it
	err = tc.HandshakeContext(ctx)
	var alert tls.AlertError
	return err == nil || errors.As(err, &alert)
}

// dialError says what went wrong while connecting, in the terms of the
// profile: a plain FTP reply to our TLS handshake means the port is not
// implicit FTPS.
func dialError(op string, cfg *transport.Config, err error) error {
	var rec tls.RecordHeaderError
	if cfg.TLS == transport.TLSImplicit && errors.As(err, &rec) {
		err = &PlainPortError{Err: err}
	}
	return mapError(op, err)
}

// liveData remembers a session's latest data connection, so that an abort
// also stops a transfer blocked on a server that no longer reads.
type liveData struct {
	mu      sync.Mutex
	conn    net.Conn
	aborted bool
}

// use records c as the data connection in use; after an abort it closes c.
func (l *liveData) use(c net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.aborted {
		_ = c.Close()
		return
	}
	l.conn = c
}

func (l *liveData) abort() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.aborted = true
	if l.conn != nil {
		_ = l.conn.Close()
	}
}

// Abort closes a session's connection at once, from any goroutine, whatever
// it is waiting for (see transport.Abort).
func Abort(s transport.Session, cause error) { transport.Abort(s, cause) }

// AbortOnCancel aborts s when ctx is done, until stop is called (see transport.AbortOnCancel).
func AbortOnCancel(ctx context.Context, s transport.Session) (stop func() bool) {
	return transport.AbortOnCancel(ctx, s)
}

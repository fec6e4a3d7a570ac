package ftpclient

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"time"

	"github.com/jlaffaye/ftp"

	"exchange/transport"
)

// passiveSession is a Session on jlaffaye/ftp: EPSV first, PASV as fallback,
// and the data connection always goes to the control connection's IP (the
// library ignores the address in a 227 reply since v0.2.3).
type passiveSession struct {
	c        *ftp.ServerConn
	ctl      *deadlineConn // the control connection under TLS, for its wait time
	guard    *replyGuard   // bounds the replies; closes the connection on abort
	data     *liveData     // the data connection in use, closed on abort too
	timeout  time.Duration
	features map[string]string
	login    loginFolder
	quitOnce sync.Once
	quitErr  error
	hashes   *hashSide // checksums, on a connection of Exchange's own client
}

func dialPassive(ctx context.Context, cfg transport.Config) (transport.Session, error) {
	timeout := cfg.WaitTimeout()
	dialer := &net.Dialer{Timeout: timeout, KeepAlive: cfg.KeepAlivePeriod()}
	// A data connection lives for one transfer, under rolling deadlines:
	// TCP keep-alive probes would never fire on it, and setting them up costs
	// system calls on every file.
	dataDialer := &net.Dialer{Timeout: timeout, KeepAlive: -1}
	var tc *tls.Config
	accepted := &acceptedCert{}
	if cfg.TLS != transport.TLSNone {
		tc = newTLSConfig(&cfg)
		accepted.watch(tc)
	}

	// jlaffaye/ftp's own timeouts cover only the connect, so every
	// connection comes from this func, wrapped with rolling deadlines. With a
	// dial func the library no longer wraps data connections in TLS itself:
	// for explicit TLS the first dial (control) stays plain and the library
	// upgrades it after AUTH TLS; data dials get TLS here. For implicit TLS
	// every dial is TLS. The handshake is never eager: proftpd and pure-ftpd
	// hang when a data connection handshakes before the transfer command.
	var mu sync.Mutex
	dials := 0
	var ctl *deadlineConn
	var guard *replyGuard
	live := &liveData{}
	stopWatch := func() {}
	dialFunc := func(network, address string) (net.Conn, error) {
		mu.Lock()
		dials++
		first := dials == 1
		mu.Unlock()
		d, dctx := dialer, ctx
		if !first {
			d, dctx = dataDialer, context.Background()
		}
		if !first {
			address = dataAddress(&cfg, address)
		}
		raw, err := dialTCP(dctx, &cfg, d, address)
		if err != nil {
			return nil, err
		}
		dc := withDeadlines(raw, timeout)
		if first {
			// The library reads every reply from this connection: the
			// guard under it bounds them, and stops it on cancel.
			g := newReplyGuard(dc, &cfg, cfg.TLS != transport.TLSImplicit)
			g.startGreeting(cfg.GreetingWait())
			mu.Lock()
			ctl, guard = dc, g
			stopWatch = watchDial(ctx, g, &cfg)
			mu.Unlock()
			if cfg.TLS == transport.TLSImplicit {
				return tls.Client(g, tc), nil
			}
			return g, nil
		}
		live.use(dc)
		var conn net.Conn = dc
		if tc != nil {
			conn = tls.Client(dc, tc)
		}
		// When the data is sent, the wait for the server to finish is longer.
		return newDataConn(conn, timeout, func(sent int64) { ctl.setTimeout(cfg.FinishWait(sent)) }), nil
	}

	logw := newProtocolLog(cfg.Log)
	opts := []ftp.DialOption{
		ftp.DialWithDialFunc(dialFunc),
		ftp.DialWithDebugOutput(logw),
	}
	switch cfg.TLS {
	case transport.TLSExplicit:
		opts = append(opts, ftp.DialWithExplicitTLS(tc))
	case transport.TLSImplicit:
		opts = append(opts, ftp.DialWithTLS(tc))
	}
	c, err := ftp.Dial(cfg.Address(), opts...)
	mu.Lock()
	stop, g := stopWatch, guard
	mu.Unlock()
	defer stop()
	if err != nil {
		op := "connect to " + cfg.Address()
		if g != nil && g.authSent() {
			op = "AUTH TLS"
		}
		return nil, dialError(op, &cfg, guardCause(g, err))
	}
	g.greeted()
	if err := c.Login(cfg.User, cfg.Password); err != nil {
		_ = c.Quit()
		return nil, loginError(guardCause(g, err))
	}
	features := logw.features()
	logw.stopUnlessRead()
	login := loginFolder{said: cfg.KnownLoginDir}
	if login.said == "" {
		login, err = passiveLoginFolder(c, g)
	}
	if err != nil {
		_ = c.Quit()
		return nil, err
	}
	return &passiveSession{c: c, ctl: ctl, guard: g, data: live, timeout: timeout, features: features, login: login,
		hashes: &hashSide{cfg: cfg, accepted: accepted}}, nil
}

func (s *passiveSession) Abort(cause error) {
	s.data.abort()
	s.guard.fail(&transport.Error{Op: "session", Kind: transport.ClassPermanent, Err: fmt.Errorf("stopped: %w", cause)})
}

// passiveLoginFolder asks PWD where the login put the session. A server that
// refuses PWD leaves relative paths to itself; a connection that fails here
// fails the dial.
func passiveLoginFolder(c *ftp.ServerConn, g *replyGuard) (loginFolder, error) {
	dir, err := c.CurrentDir()
	var refused *textproto.Error
	if err != nil && !errors.As(err, &refused) {
		return loginFolder{}, mapError("PWD", guardCause(g, err))
	}
	// The library cuts out what is between the first and last quote; a quote
	// inside the path is doubled (RFC 959), as quotedPath reads it in active mode.
	return loginFolder{said: strings.ReplaceAll(dir, `""`, `"`)}, nil
}

func (s *passiveSession) LoginDir() string { return s.login.said }

// Features is the session's own map: the decorator hands out copies.
func (s *passiveSession) Features() map[string]string { return s.features }

func (s *passiveSession) MakeDirAll(dir string) error {
	dir = s.login.resolve(dir)
	// The session stays in its login folder (this is the only place that
	// changes folder, and it goes back): PWD answered at login.
	orig := s.login.said
	if orig == "" {
		var err error
		if orig, err = s.c.CurrentDir(); err != nil {
			return s.mapError("PWD", err)
		}
	}
	// Each probe goes back to where it started, so that a relative prefix
	// (when PWD gave no absolute path) is read from the same folder.
	for _, cur := range dirPrefixes(dir) {
		if s.c.ChangeDir(cur) != nil {
			err := s.c.MakeDir(cur)
			if err == nil {
				continue
			}
			// Another session may have made it a moment ago.
			if s.c.ChangeDir(cur) != nil {
				return s.mapError("MKD "+cur, err)
			}
		}
		if err := s.c.ChangeDir(orig); err != nil {
			return s.mapError("CWD "+orig, err)
		}
	}
	return nil
}

func (s *passiveSession) Size(p string) (int64, error) {
	p = s.login.resolve(p)
	n, err := s.c.FileSize(p)
	if err != nil {
		return 0, s.mapError("SIZE "+p, err)
	}
	return n, nil
}

func (s *passiveSession) Store(p string, r io.Reader, offset int64) error {
	p = s.login.resolve(p)
	err := transferError("STOR "+p, s.cause(s.c.StorFrom(p, r, uint64(offset))))
	s.ctl.setTimeout(s.timeout)
	return err
}

func (s *passiveSession) Append(p string, r io.Reader) error {
	p = s.login.resolve(p)
	err := transferError("APPE "+p, s.cause(s.c.Append(p, r)))
	s.ctl.setTimeout(s.timeout)
	return err
}

func (s *passiveSession) Rename(from, to string) error {
	from, to = s.login.resolve(from), s.login.resolve(to)
	return s.mapError("RNFR/RNTO "+from+" -> "+to, s.c.Rename(from, to))
}

func (s *passiveSession) Delete(p string) error {
	p = s.login.resolve(p)
	return s.mapError("DELE "+p, s.c.Delete(p))
}

// Hash asks on a second connection (see passive_hash.go): jlaffaye/ftp has no
// way to send HASH, XSHA256, XMD5 or XCRC.
func (s *passiveSession) Hash(p string) (string, string, error) {
	return s.hashes.hash(s.features, p)
}

func (s *passiveSession) Noop() error {
	return s.mapError("NOOP", s.c.NoOp())
}

func (s *passiveSession) Quit() error {
	s.quitOnce.Do(func() {
		s.hashes.close()
		if s.guard.failure() != nil {
			_ = s.guard.Conn.Close()
			return // aborted or cut off: nothing left to say goodbye on
		}
		s.quitErr = s.c.Quit()
	})
	if s.quitErr != nil && transport.ClassOf(s.quitErr) == transport.ClassRetryable {
		return nil // the connection was already gone: nothing left to close
	}
	return s.quitErr
}

// guardCause prefers the reason the guard stopped the connection (a reply
// over budget, a greeting that did not come, an abort) to what the library
// made of the broken stream ("short response", "EOF").
func guardCause(g *replyGuard, err error) error {
	if err == nil || g == nil {
		return err
	}
	if cause := g.failure(); cause != nil {
		return cause
	}
	return err
}

func (s *passiveSession) cause(err error) error { return guardCause(s.guard, err) }

func (s *passiveSession) mapError(op string, err error) error { return mapError(op, s.cause(err)) }

// transferError maps the error of StorFrom/Append. The library insists on
// 226 after a transfer; 250 ("requested file action okay, completed") is
// also a success that some servers send, so a lone 250 is not an error.
func transferError(op string, err error) error {
	if err == nil {
		return nil
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	var rest []error
	for _, e := range errs {
		var te *textproto.Error
		if errors.As(e, &te) && te.Code == 250 {
			continue
		}
		rest = append(rest, e)
	}
	if len(rest) == 0 {
		return nil
	}
	// A reply code says more than the network error that came with it.
	for _, e := range rest {
		var te *textproto.Error
		if errors.As(e, &te) {
			return mapError(op, e)
		}
	}
	return mapError(op, errors.Join(rest...))
}

// mapError turns a jlaffaye/textproto/network error into an *Error.
func mapError(op string, err error) error {
	if err == nil {
		return nil
	}
	var te *textproto.Error
	if errors.As(err, &te) {
		e := replyError(op, te.Code, strings.TrimSpace(te.Msg))
		e.Err = err
		return e
	}
	if errors.Is(err, ftp.ErrInvalidCommand) {
		return &transport.Error{Op: op, Kind: transport.ClassPermanent, Err: err}
	}
	return wrapError(op, err)
}

func loginError(err error) error {
	var te *textproto.Error
	if errors.As(err, &te) {
		return mapError("login", err)
	}
	if transport.ClassOf(err) == transport.ClassPermanent {
		// jlaffaye returns a bare error with the server's message when USER
		// gets an unexpected reply: that is a refused login.
		return &transport.Error{Op: "login", Kind: transport.ClassAuth, Err: err}
	}
	return wrapError("login", err)
}

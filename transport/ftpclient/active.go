package ftpclient

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"exchange/transport"
)

// activeSession is our own FTP client for active mode: for each transfer it
// listens, announces the address with EPRT (PORT as fallback), and accepts
// the server's data connection, only from the server's IP. Over FTPS it is
// the TLS client on the accepted connection (RFC 4217), with the control
// connection's TLS config so that the session is resumed.
type activeSession struct {
	cfg      transport.Config
	ctl      *control
	ctlConn  *deadlineConn // the control connection under TLS, for its wait time
	guard    *replyGuard   // bounds the replies; closes the connection on abort
	data     liveData      // the data connection in use, closed on abort too
	tls      *tls.Config   // nil without TLS
	serverIP net.IP
	localIP  net.IP
	features map[string]string
	login    loginFolder
	noEPRT   bool // the server refused EPRT once: use PORT
	quitOnce sync.Once
	quitErr  error
}

func dialActive(ctx context.Context, cfg transport.Config) (transport.Session, error) {
	timeout := cfg.WaitTimeout()
	dialer := &net.Dialer{Timeout: timeout, KeepAlive: cfg.KeepAlivePeriod()}
	raw, err := dialTCP(ctx, &cfg, dialer, cfg.Address())
	if err != nil {
		return nil, wrapError("connect to "+cfg.Address(), err)
	}
	s := &activeSession{cfg: cfg,
		serverIP: raw.RemoteAddr().(*net.TCPAddr).IP,
		localIP:  raw.LocalAddr().(*net.TCPAddr).IP}
	s.ctlConn = withDeadlines(raw, timeout)
	s.guard = newReplyGuard(s.ctlConn, &cfg, cfg.TLS != transport.TLSImplicit)
	var conn net.Conn = s.guard
	if cfg.TLS != transport.TLSNone {
		s.tls = newTLSConfig(&cfg)
	}
	if cfg.TLS == transport.TLSImplicit {
		conn = tls.Client(conn, s.tls)
	}
	s.ctl = newControl(conn, &cfg)
	s.guard.startGreeting(cfg.GreetingWait())
	stop := watchDial(ctx, s.guard, &cfg)
	err = s.handshake(conn)
	stop()
	if err != nil {
		_ = raw.Close()
		return nil, err
	}
	return s, nil
}

func (s *activeSession) Abort(cause error) {
	s.data.abort()
	s.guard.fail(&transport.Error{Op: "session", Kind: transport.ClassPermanent, Err: fmt.Errorf("stopped: %w", cause)})
}

func (s *activeSession) handshake(conn net.Conn) error {
	code, text, err := s.ctl.reply()
	for err == nil && code == 120 { // "service ready in nnn minutes"
		code, text, err = s.ctl.reply()
	}
	if err != nil {
		return dialError("read banner", &s.cfg, err)
	}
	if code != 220 {
		return replyError("banner", code, text)
	}
	if s.cfg.TLS == transport.TLSExplicit {
		if _, _, err := s.ctl.cmd(234, "AUTH TLS"); err != nil {
			return err
		}
		tc := tls.Client(conn, s.tls)
		if err := tc.Handshake(); err != nil {
			return wrapError("TLS handshake", err)
		}
		s.ctl.reset(tc)
	}
	s.guard.greeted()
	code, text, err = s.ctl.cmd(0, "USER "+s.cfg.User)
	if err != nil {
		return err
	}
	if code == 331 || code == 332 {
		code, text, err = s.ctl.cmd(0, "PASS "+s.cfg.Password)
		if err != nil {
			return err
		}
	}
	if code != 230 && code != 202 {
		e := replyError("login", code, text)
		if code/100 == 5 && !transport.Busy(e) {
			e.Kind = transport.ClassAuth
		}
		return e
	}
	if s.tls != nil {
		if _, _, err := s.ctl.cmd(200, "PBSZ 0"); err != nil {
			return err
		}
		if _, _, err := s.ctl.cmd(200, "PROT P"); err != nil {
			return err
		}
	}
	s.features = map[string]string{}
	if code, text, err := s.ctl.cmd(0, "FEAT"); err != nil {
		return err
	} else if code == 211 {
		s.features = parseFeatures(text)
	}
	if _, ok := s.features["UTF8"]; ok {
		_, _, _ = s.ctl.cmd(0, "OPTS UTF8 ON")
	}
	if _, _, err = s.ctl.cmd(200, "TYPE I"); err != nil {
		return err
	}
	// Where the login put the session (known from an earlier session, or
	// asked); a server that refuses PWD leaves relative paths to itself.
	if s.cfg.KnownLoginDir != "" {
		s.login.said = s.cfg.KnownLoginDir
	} else if code, text, err := s.ctl.cmd(0, "PWD"); err != nil {
		return err
	} else if code == 257 {
		s.login.said = quotedPath(text)
	}
	return nil
}

func (s *activeSession) LoginDir() string { return s.login.said }

// Features is the session's own map: the decorator hands out copies.
func (s *activeSession) Features() map[string]string { return s.features }

func (s *activeSession) MakeDirAll(dir string) error {
	dir = s.login.resolve(dir)
	for _, cur := range dirPrefixes(dir) {
		code, text, err := s.ctl.cmd(0, "MKD "+cur)
		if err != nil {
			return err
		}
		if code/100 == 2 {
			continue
		}
		// 550/521: it may already exist. A directory answers SIZE with an
		// error too, so ask the server to list it instead: MLST, then CWD.
		if exists, err := s.dirExists(cur); err != nil {
			return err
		} else if !exists {
			return replyError("MKD "+cur, code, text)
		}
	}
	return nil
}

func (s *activeSession) dirExists(dir string) (bool, error) {
	_, text, err := s.ctl.cmd(257, "PWD")
	if err != nil {
		return false, err
	}
	orig := quotedPath(text)
	code, _, err := s.ctl.cmd(0, "CWD "+dir)
	if err != nil {
		return false, err
	}
	if code/100 != 2 {
		return false, nil
	}
	if orig != "" {
		if _, _, err := s.ctl.cmd(250, "CWD "+orig); err != nil {
			return true, err
		}
	}
	return true, nil
}

func (s *activeSession) Size(p string) (int64, error) {
	p = s.login.resolve(p)
	_, text, err := s.ctl.cmd(213, "SIZE "+p)
	if err != nil {
		return 0, err
	}
	n, err := parseSizeReply(text)
	if err != nil {
		return 0, &transport.Error{Op: "SIZE " + p, Kind: transport.ClassPermanent, Err: err}
	}
	return n, nil
}

func (s *activeSession) Store(p string, r io.Reader, offset int64) error {
	p = s.login.resolve(p)
	return s.upload("STOR "+p, r, offset)
}

func (s *activeSession) Append(p string, r io.Reader) error {
	p = s.login.resolve(p)
	return s.upload("APPE "+p, r, 0)
}

// upload runs one transfer: listen, EPRT/PORT, REST, STOR/APPE, accept the
// server's connection, send, close safely, read the final reply.
func (s *activeSession) upload(command string, r io.Reader, offset int64) error {
	ln, err := s.listen()
	if err != nil {
		return &transport.Error{Op: command, Kind: transport.ClassRetryable, Err: fmt.Errorf("open a port for the data connection: %w", err)}
	}
	defer ln.Close()
	if err := s.announce(ln.Addr().(*net.TCPAddr).Port); err != nil {
		return err
	}
	if offset > 0 {
		if _, _, err := s.ctl.cmd(350, "REST "+strconv.FormatInt(offset, 10)); err != nil {
			return err
		}
	}
	accepted := make(chan acceptResult, 1)
	go func() { accepted <- s.accept(ln) }()

	if err := s.ctl.send(command); err != nil {
		return err
	}
	code, text, err := s.ctl.reply()
	if err != nil {
		return wrapError(command, err)
	}
	if code != 150 && code != 125 {
		e := replyError(command, code, text)
		if code == 425 {
			e.Err = errors.New("the server could not connect back to this computer: incoming connections are blocked here, so use passive mode")
		}
		return e
	}
	res := <-accepted
	if res.err != nil {
		// The server said it would connect but did not: it will answer 425 soon.
		_ = ln.Close()
		_, _, _ = s.ctl.reply()
		return &transport.Error{Op: command, Kind: transport.ClassRetryable, Err: fmt.Errorf("the server did not open the data connection to this computer (incoming connections blocked?): %w", res.err)}
	}
	s.data.use(res.conn)
	var data net.Conn = withDeadlines(res.conn, s.cfg.WaitTimeout())
	if s.tls != nil {
		tc := tls.Client(data, s.tls)
		if err := tc.Handshake(); err != nil {
			_ = res.conn.Close()
			_, _, _ = s.ctl.reply()
			return wrapError(command+" (TLS on the data connection)", err)
		}
		data = tc
	}
	data = newDataConn(data, s.cfg.WaitTimeout(), func(sent int64) { s.ctlConn.setTimeout(s.cfg.FinishWait(sent)) })
	_, copyErr := io.Copy(data, r)
	closeErr := data.Close()
	code, text, err = s.ctl.reply()
	s.ctlConn.setTimeout(s.cfg.WaitTimeout())
	switch {
	case err != nil:
		return wrapError(command, err)
	case code != 226 && code != 250:
		return replyError(command, code, text)
	case copyErr != nil:
		return wrapError(command, copyErr)
	case closeErr != nil && transport.ClassOf(closeErr) != transport.ClassRetryable:
		return wrapError(command, closeErr)
	}
	return nil
}

// listen opens the data port: on the control connection's local address, in
// the configured port range when there is one.
func (s *activeSession) listen() (*net.TCPListener, error) {
	lo, hi := s.cfg.ActivePortMin, s.cfg.ActivePortMax
	if lo <= 0 || hi < lo {
		return listenData(&net.TCPAddr{IP: s.localIP})
	}
	n := hi - lo + 1
	start := rand.IntN(n)
	var last error
	for i := range n {
		port := lo + (start+i)%n
		ln, err := listenData(&net.TCPAddr{IP: s.localIP, Port: port})
		if err == nil {
			return ln, nil
		}
		last = err
	}
	return nil, fmt.Errorf("no free port in %d-%d: %w", lo, hi, last)
}

// listenData listens for one data connection. Like a passive data
// connection, it gets no TCP keep-alive (see dialPassive).
func listenData(addr *net.TCPAddr) (*net.TCPListener, error) {
	lc := net.ListenConfig{KeepAlive: -1}
	ln, err := lc.Listen(context.Background(), "tcp", addr.String())
	if err != nil {
		return nil, err
	}
	return ln.(*net.TCPListener), nil
}

// announce tells the server where to connect: EPRT, or PORT when the server
// does not know EPRT.
func (s *activeSession) announce(port int) error {
	ip := s.localIP
	if s.cfg.ActiveAddress != "" {
		if ip = net.ParseIP(s.cfg.ActiveAddress); ip == nil {
			return localError("EPRT", fmt.Errorf("active address %q is not an IP address", s.cfg.ActiveAddress))
		}
	}
	if !s.noEPRT {
		code, text, err := s.ctl.cmd(0, "EPRT "+eprtArgument(ip, port))
		if err != nil {
			return err
		}
		if code/100 == 2 {
			return nil
		}
		if code != 500 && code != 501 && code != 502 && code != 522 {
			return replyError("EPRT", code, text)
		}
		s.noEPRT = true
	}
	arg, err := portArgument(ip, port)
	if err != nil {
		return localError("PORT", err)
	}
	_, _, err = s.ctl.cmd(200, "PORT "+arg)
	return err
}

type acceptResult struct {
	conn net.Conn
	err  error
}

// accept waits for the server's data connection. A connection from any other
// IP than the server's is closed and logged, and the wait goes on.
func (s *activeSession) accept(ln *net.TCPListener) acceptResult {
	deadline := time.Now().Add(s.cfg.WaitTimeout())
	_ = ln.SetDeadline(deadline)
	for {
		c, err := ln.AcceptTCP()
		if err != nil {
			return acceptResult{err: err}
		}
		peer := c.RemoteAddr().(*net.TCPAddr).IP
		if peer.Equal(s.serverIP) {
			return acceptResult{conn: c}
		}
		s.ctl.logf("refused a data connection from %s: only the server %s may connect", peer, s.serverIP)
		_ = c.Close()
	}
}

func (s *activeSession) Rename(from, to string) error {
	from, to = s.login.resolve(from), s.login.resolve(to)
	if _, _, err := s.ctl.cmd(350, "RNFR "+from); err != nil {
		return err
	}
	_, _, err := s.ctl.cmd(250, "RNTO "+to)
	return err
}

func (s *activeSession) Delete(p string) error {
	p = s.login.resolve(p)
	_, _, err := s.ctl.cmd(250, "DELE "+p)
	return err
}

// hashPreference orders the algorithms of HASH (draft-bryan-ftpext-hash).
var hashPreference = []string{"SHA-256", "SHA-512", "SHA-1", "MD5", "CRC32"}

// Hash uses HASH when FEAT lists it, else XSHA256, XSHA1, XMD5 or XCRC.
func (s *activeSession) Hash(p string) (string, string, error) {
	p = s.login.resolve(p)
	if offered, ok := s.features["HASH"]; ok {
		algos := strings.Split(strings.ReplaceAll(strings.ToUpper(offered), "*", ""), ";")
		for _, want := range hashPreference {
			for _, a := range algos {
				if strings.TrimSpace(a) != want {
					continue
				}
				if _, _, err := s.ctl.cmd(200, "OPTS HASH "+want); err != nil {
					return "", "", err
				}
				_, text, err := s.ctl.cmd(213, "HASH "+p)
				if err != nil {
					return "", "", err
				}
				sum, err := parseHashReply(want, text)
				if err != nil {
					return "", "", &transport.Error{Op: "HASH " + p, Kind: transport.ClassPermanent, Err: err}
				}
				return strings.ToLower(want), sum, nil
			}
		}
	}
	for _, x := range []struct{ cmd, algo string }{{"XSHA256", "sha-256"}, {"XSHA1", "sha-1"}, {"XMD5", "md5"}, {"XCRC", "crc32"}} {
		if _, ok := s.features[x.cmd]; !ok {
			continue
		}
		_, text, err := s.ctl.cmd(200, x.cmd+" "+p)
		if err != nil {
			return "", "", err
		}
		sum, err := parseXHashReply(x.algo, text)
		if err != nil {
			return "", "", &transport.Error{Op: x.cmd + " " + p, Kind: transport.ClassPermanent, Err: err}
		}
		return x.algo, sum, nil
	}
	return "", "", transport.ErrNotSupported
}

func (s *activeSession) Noop() error {
	_, _, err := s.ctl.cmd(200, "NOOP")
	return err
}

func (s *activeSession) Quit() error {
	s.quitOnce.Do(func() {
		if s.guard.failure() != nil {
			_ = s.ctl.conn.Close()
			return // aborted or cut off: nothing left to say goodbye on
		}
		_, _, err := s.ctl.cmd(0, "QUIT")
		closeErr := s.ctl.conn.Close()
		if err == nil {
			err = closeErr
		}
		if err != nil && transport.ClassOf(err) == transport.ClassRetryable {
			err = nil // already gone: nothing left to close
		}
		s.quitErr = err
	})
	return s.quitErr
}

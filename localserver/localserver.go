// Package localserver is the built-in FTP server (ftpserverlib over a folder):
// the "Local test server" that the window sends to on first start, the server
// of `exchange serve`, and the in-process server of the test harness. It
// accepts passive and active data connections, plain or FTPS.
package localserver

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"

	ftpserver "github.com/fclairamb/ftpserverlib"
	"github.com/spf13/afero"

	"exchange/internal/selfsigned"
)

// TLSMode is how the server offers TLS.
type TLSMode int

const (
	TLSOff      TLSMode = iota // plain FTP only
	TLSExplicit                // plain or AUTH TLS, as the client likes
	TLSImplicit                // TLS from the first byte
)

// Options configure a server. User and Password are required: the server
// refuses every other login.
type Options struct {
	Dir        string // the folder clients see as "/"; created if missing
	ListenAddr string // default 127.0.0.1:0 (a free port)
	User       string
	Password   string
	TLS        TLSMode
	// Certificate is used for TLS; nil makes a self-signed one.
	Certificate *tls.Certificate
	TLS12Only   bool
	// PassivePortMin/Max bound passive data ports (both 0: any free port).
	PassivePortMin, PassivePortMax int
	// Log receives one line per client event; nil discards them.
	Log func(line string)
}

// Server is a running built-in FTP server.
type Server struct {
	opts        Options
	srv         *ftpserver.FtpServer
	ln          net.Listener
	fingerprint string
	done        chan error
	closeOnce   sync.Once
}

// Start creates the folder, listens and serves in the background.
func Start(opts Options) (*Server, error) {
	if opts.User == "" || opts.Password == "" {
		return nil, errors.New("built-in server: a user name and a password are required")
	}
	if opts.Dir == "" {
		return nil, errors.New("built-in server: no folder given")
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("built-in server: create folder: %w", err)
	}
	if opts.ListenAddr == "" {
		opts.ListenAddr = "127.0.0.1:0"
	}
	s := &Server{opts: opts, done: make(chan error, 1)}
	var tlsConfig *tls.Config
	if opts.TLS != TLSOff {
		cert := opts.Certificate
		if cert == nil {
			c, err := selfsigned.New("Exchange built-in server")
			if err != nil {
				return nil, fmt.Errorf("built-in server: %w", err)
			}
			cert = &c.TLS
		}
		tlsConfig = &tls.Config{Certificates: []tls.Certificate{*cert}, MinVersion: tls.VersionTLS12}
		if opts.TLS12Only {
			tlsConfig.MaxVersion = tls.VersionTLS12
		}
		s.fingerprint = fingerprint(cert.Certificate[0])
	}
	ln, err := net.Listen("tcp", opts.ListenAddr)
	if err != nil {
		return nil, fmt.Errorf("built-in server: listen on %s: %w", opts.ListenAddr, err)
	}
	if tlsConfig != nil && opts.TLS == TLSImplicit {
		ln = tls.NewListener(ln, tlsConfig)
	}
	s.ln = ln
	d := &driver{s: s, tls: tlsConfig}
	s.srv = ftpserver.NewFtpServer(d)
	s.srv.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if opts.Log != nil {
		s.srv.Logger = slog.New(&lineHandler{log: opts.Log})
	}
	if err := s.srv.Listen(); err != nil {
		_ = ln.Close()
		return nil, fmt.Errorf("built-in server: %w", err)
	}
	go func() { s.done <- s.srv.Serve() }()
	return s, nil
}

// Addr is the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Port is the control port.
func (s *Server) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// Dir is the folder where uploaded files land.
func (s *Server) Dir() string { return s.opts.Dir }

// Fingerprint is the SHA-256 of the server certificate (upper-case hex with
// colons), or "" without TLS.
func (s *Server) Fingerprint() string { return s.fingerprint }

// Close stops listening and ends every session. Safe to call twice.
func (s *Server) Close() error {
	var err error
	s.closeOnce.Do(func() {
		err = s.srv.Stop()
		<-s.done
	})
	return err
}

type driver struct {
	s   *Server
	tls *tls.Config
}

func (d *driver) GetSettings() (*ftpserver.Settings, error) {
	o := d.s.opts
	st := &ftpserver.Settings{
		Listener:                d.s.ln,
		PublicHost:              publicHost(d.s.ln),
		EnableHASH:              true,
		DefaultTransferType:     ftpserver.TransferTypeBinary,
		ActiveTransferPortNon20: true,
		IdleTimeout:             900,
		ConnectionTimeout:       30,
	}
	if o.PassivePortMin > 0 && o.PassivePortMax >= o.PassivePortMin {
		st.PassiveTransferPortRange = ftpserver.PortRange{Start: o.PassivePortMin, End: o.PassivePortMax}
	}
	if o.TLS == TLSImplicit {
		st.TLSRequired = ftpserver.ImplicitEncryption
	}
	return st, nil
}

func (d *driver) ClientConnected(ftpserver.ClientContext) (string, error) {
	return "Exchange built-in FTP server", nil
}

func (d *driver) ClientDisconnected(ftpserver.ClientContext) {}

func (d *driver) AuthUser(_ ftpserver.ClientContext, user, pass string) (ftpserver.ClientDriver, error) {
	if user != d.s.opts.User || pass != d.s.opts.Password {
		return nil, errors.New("wrong user name or password")
	}
	return plainModes{afero.NewBasePathFs(afero.NewOsFs(), d.s.opts.Dir)}, nil
}

func (d *driver) GetTLSConfig() (*tls.Config, error) {
	if d.tls == nil {
		return nil, errors.New("TLS is not enabled on this server")
	}
	return d.tls, nil
}

func publicHost(ln net.Listener) string {
	if a, ok := ln.Addr().(*net.TCPAddr); ok && a.IP != nil && !a.IP.IsUnspecified() && a.IP.To4() != nil {
		return a.IP.String()
	}
	return ""
}

func fingerprint(der []byte) string { return selfsigned.Fingerprint(der) }

// lineHandler turns ftpserverlib's structured log into plain lines, with any
// password attribute masked.
type lineHandler struct {
	log   func(string)
	attrs []slog.Attr
}

func (h *lineHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

func (h *lineHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	write := func(a slog.Attr) bool {
		v := a.Value.String()
		if strings.Contains(strings.ToLower(a.Key), "pass") {
			v = "****"
		}
		if a.Key == "raw" || a.Key == "line" {
			v = redactPASS(v)
		}
		fmt.Fprintf(&b, " %s=%s", a.Key, v)
		return true
	}
	for _, a := range h.attrs {
		write(a)
	}
	r.Attrs(write)
	h.log(b.String())
	return nil
}

func (h *lineHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &lineHandler{log: h.log, attrs: append(append([]slog.Attr(nil), h.attrs...), as...)}
}

func (h *lineHandler) WithGroup(string) slog.Handler { return h }

func redactPASS(s string) string {
	if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(s)), "PASS ") {
		return "PASS ****"
	}
	return s
}

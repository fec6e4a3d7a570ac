package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"

	ftpserver "github.com/fclairamb/ftpserverlib"
	"github.com/spf13/afero"
)

// server is an FTP server on loopback that writes into root.
type server struct {
	Host, User, Password string
	Port                 int
	Root                 string // local folder behind the server's "/"
	Name                 string
	stop                 func()
}

// startFtpserverlib runs ftpserverlib in this process over root.
func startFtpserverlib(root string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{Host: "127.0.0.1", User: "bench", Password: "bench", Port: ln.Addr().(*net.TCPAddr).Port, Root: root, Name: "ftpserverlib (in process)"}
	srv := ftpserver.NewFtpServer(&benchDriver{ln: ln, root: root})
	srv.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := srv.Listen(); err != nil {
		return nil, fmt.Errorf("ftpserverlib: %w", err)
	}
	go func() { _ = srv.Serve() }()
	s.stop = func() { _ = srv.Stop() }
	return s, nil
}

type benchDriver struct {
	ln   net.Listener
	root string
}

func (d *benchDriver) GetSettings() (*ftpserver.Settings, error) {
	return &ftpserver.Settings{Listener: d.ln, PublicHost: "127.0.0.1", DefaultTransferType: ftpserver.TransferTypeBinary}, nil
}
func (d *benchDriver) ClientConnected(ftpserver.ClientContext) (string, error) { return "bench", nil }
func (d *benchDriver) ClientDisconnected(ftpserver.ClientContext)              {}
func (d *benchDriver) AuthUser(_ ftpserver.ClientContext, user, pass string) (ftpserver.ClientDriver, error) {
	if user != "bench" || pass != "bench" {
		return nil, errors.New("bad login")
	}
	return afero.NewBasePathFs(afero.NewOsFs(), d.root), nil
}
func (d *benchDriver) GetTLSConfig() (*tls.Config, error) { return nil, errors.New("no TLS") }

package uploader_test

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	ftpserver "github.com/fclairamb/ftpserverlib"
	"github.com/spf13/afero"
)

// testFTP is an ftpserverlib server over a real folder, for the end-to-end
// tests that need what the shared harness cannot do: slow writes (to catch a
// transfer in the middle), a read-only folder answering 550, and a stop that
// cuts every connection followed by a restart on the same port.
type testFTP struct {
	t        *testing.T
	root     string
	port     int
	throttle atomic.Int64 // bytes per second per write stream; 0: full speed
	logins   atomic.Int32 // login attempts (USER/PASS pairs)

	mu    sync.Mutex
	srv   *ftpserver.FtpServer
	conns []net.Conn
	done  chan error
}

func startTestFTP(t *testing.T, root string) *testFTP {
	t.Helper()
	s := &testFTP{t: t, root: root}
	s.start()
	t.Cleanup(s.stop)
	return s
}

func (s *testFTP) start() {
	s.t.Helper()
	addr := fmt.Sprintf("127.0.0.1:%d", s.port)
	var ln net.Listener
	var err error
	for range 50 { // the port of a stopped server may take a moment to free
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		s.t.Fatalf("test FTP server: %v", err)
	}
	s.port = ln.Addr().(*net.TCPAddr).Port
	srv := ftpserver.NewFtpServer(&testDriver{s: s, ln: &trackingListener{Listener: ln, s: s}})
	srv.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := srv.Listen(); err != nil {
		s.t.Fatalf("test FTP server: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }()
	s.mu.Lock()
	s.srv, s.done = srv, done
	s.mu.Unlock()
}

// stop closes the listener and cuts every control and data connection.
func (s *testFTP) stop() {
	s.mu.Lock()
	srv, conns, done := s.srv, s.conns, s.done
	s.srv, s.conns = nil, nil
	s.mu.Unlock()
	if srv == nil {
		return
	}
	_ = srv.Stop()
	for _, c := range conns {
		_ = c.Close()
	}
	<-done
}

func (s *testFTP) track(c net.Conn) {
	s.mu.Lock()
	s.conns = append(s.conns, c)
	s.mu.Unlock()
}

type trackingListener struct {
	net.Listener
	s *testFTP
}

func (l *trackingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.s.track(c)
	}
	return c, err
}

type testDriver struct {
	s  *testFTP
	ln net.Listener
}

func (d *testDriver) GetSettings() (*ftpserver.Settings, error) {
	return &ftpserver.Settings{Listener: d.ln, PublicHost: "127.0.0.1", EnableHASH: true,
		DefaultTransferType: ftpserver.TransferTypeBinary, ActiveTransferPortNon20: true}, nil
}
func (d *testDriver) ClientConnected(ftpserver.ClientContext) (string, error) {
	return "test server", nil
}
func (d *testDriver) ClientDisconnected(ftpserver.ClientContext) {}
func (d *testDriver) AuthUser(_ ftpserver.ClientContext, user, pass string) (ftpserver.ClientDriver, error) {
	d.s.logins.Add(1)
	if user != "clerk" || pass != "secret" {
		return nil, errors.New("bad login")
	}
	return &testFs{Fs: afero.NewBasePathFs(afero.NewOsFs(), d.s.root), s: d.s}, nil
}
func (d *testDriver) GetTLSConfig() (*tls.Config, error) { return nil, errors.New("no TLS here") }
func (d *testDriver) WrapPassiveListener(ln net.Listener) (net.Listener, error) {
	return &trackingListener{Listener: ln, s: d.s}, nil
}

// testFs refuses writes under /ro (as a read-only folder would), deletes under
// /nodel, and slows writes down.
type testFs struct {
	afero.Fs
	s *testFTP
}

var errReadOnly = os.ErrPermission

func readOnly(name string) bool {
	return strings.HasPrefix(filepath.ToSlash(name), "/ro/")
}

func (f *testFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_APPEND) != 0 && readOnly(name) {
		return nil, &os.PathError{Op: "open", Path: name, Err: errReadOnly}
	}
	file, err := f.Fs.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return &slowFile{File: file, s: f.s}, nil
}

func (f *testFs) Create(name string) (afero.File, error) {
	return f.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
}

// Remove refuses to delete anything under /nodel/ (a server that lets a user
// write but not delete).
func (f *testFs) Remove(name string) error {
	if strings.HasPrefix(filepath.ToSlash(name), "/nodel/") {
		return &os.PathError{Op: "remove", Path: name, Err: errReadOnly}
	}
	return f.Fs.Remove(name)
}

func (f *testFs) Rename(from, to string) error {
	if readOnly(to) || readOnly(from) {
		return &os.PathError{Op: "rename", Path: to, Err: errReadOnly}
	}
	return f.Fs.Rename(from, to)
}

type slowFile struct {
	afero.File
	s *testFTP
}

func (f *slowFile) Write(p []byte) (int, error) {
	if bps := f.s.throttle.Load(); bps > 0 {
		time.Sleep(time.Duration(float64(len(p)) / float64(bps) * float64(time.Second)))
	}
	return f.File.Write(p)
}

func (f *slowFile) ReadFrom(r io.Reader) (int64, error) {
	return io.Copy(struct{ io.Writer }{f}, r)
}

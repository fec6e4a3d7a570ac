package sshtest

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
)

// Faults make the in-process server misbehave on purpose.
type Faults struct {
	// CutAfter closes the TCP connection once the SFTP subsystem has
	// received this many bytes from the client (0: never).
	CutAfter int64
	// StallAfter stops reading and answering, the connection left open,
	// once the subsystem has received this many bytes (0: never).
	StallAfter int64
}

// InProcess is pkg/sftp's server behind an SSH server of x/crypto/ssh, on a
// loopback port, serving Dir, with the faults set for every connection.
type InProcess struct {
	Host     string
	Port     int
	User     string
	Password string
	HostKey  KeyPair
	Dir      string

	mu     sync.Mutex
	faults Faults
	conns  []net.Conn
	ln     net.Listener
	done   chan struct{}
	// Connections counts the SSH connections accepted.
	Connections atomic.Int32
}

// StartInProcess runs the server until the test ends.
func StartInProcess(t testing.TB) *InProcess {
	t.Helper()
	hostKey, err := NewKeyPair("")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &InProcess{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, User: "clerk", Password: "in-process-pw",
		HostKey: hostKey, Dir: t.TempDir(), ln: ln, done: make(chan struct{})}
	cfg := &ssh.ServerConfig{PasswordCallback: func(c ssh.ConnMetadata, pw []byte) (*ssh.Permissions, error) {
		if c.User() == s.User && string(pw) == s.Password {
			return nil, nil
		}
		return nil, errors.New("wrong user or password")
	}}
	cfg.AddHostKey(hostKey.Signer)
	go s.serve(cfg)
	t.Cleanup(s.stop)
	return s
}

// SetFaults changes the faults of the connections accepted from now on.
func (s *InProcess) SetFaults(f Faults) {
	s.mu.Lock()
	s.faults = f
	s.mu.Unlock()
}

// Addr is host:port.
func (s *InProcess) Addr() string { return net.JoinHostPort(s.Host, fmt.Sprint(s.Port)) }

func (s *InProcess) stop() {
	close(s.done)
	s.ln.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		c.Close()
	}
}

func (s *InProcess) serve(cfg *ssh.ServerConfig) {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns = append(s.conns, c)
		faults := s.faults
		s.mu.Unlock()
		s.Connections.Add(1)
		go s.handle(c, cfg, faults)
	}
}

func (s *InProcess) handle(c net.Conn, cfg *ssh.ServerConfig, faults Faults) {
	defer c.Close()
	_, chans, reqs, err := ssh.NewServerConn(c, cfg)
	if err != nil {
		return
	}
	go ssh.DiscardRequests(reqs)
	for nc := range chans {
		if nc.ChannelType() != "session" {
			_ = nc.Reject(ssh.UnknownChannelType, "only sessions")
			continue
		}
		ch, requests, err := nc.Accept()
		if err != nil {
			return
		}
		go func() {
			for req := range requests {
				ok := req.Type == "subsystem" && len(req.Payload) >= 4 && string(req.Payload[4:]) == "sftp"
				_ = req.Reply(ok, nil)
				if ok {
					go s.runSFTP(&faultyChannel{Channel: ch, conn: c, faults: faults, done: s.done})
				}
			}
		}()
	}
}

func (s *InProcess) runSFTP(ch io.ReadWriteCloser) {
	srv, err := sftp.NewServer(ch, sftp.WithServerWorkingDirectory(s.Dir))
	if err != nil {
		ch.Close()
		return
	}
	_ = srv.Serve()
	srv.Close()
}

// faultyChannel counts what the client sent and misbehaves as told.
type faultyChannel struct {
	ssh.Channel
	conn   net.Conn
	faults Faults
	read   int64
	done   <-chan struct{}
}

func (f *faultyChannel) Read(b []byte) (int, error) {
	n, err := f.Channel.Read(b)
	f.read += int64(n)
	switch {
	case f.faults.CutAfter > 0 && f.read >= f.faults.CutAfter:
		f.conn.Close()
		return 0, io.ErrUnexpectedEOF
	case f.faults.StallAfter > 0 && f.read >= f.faults.StallAfter:
		<-f.done // neither read nor answer again until the test ends
		return 0, io.EOF
	}
	return n, err
}

package sftpclient_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"exchange/internal/sshtest"
	"exchange/internal/testwait"
	"exchange/transport"
	"exchange/transport/sftpclient"
)

// A connection cut in the middle of an upload is a retryable failure; the
// part OpenSSH wrote has no hole, so resuming from its size gives the
// whole file.
func TestCutConnectionIsRetryableAndResumes(t *testing.T) {
	variants(t, func(t *testing.T, srv *sshtest.Server) {
		proxy := sshtest.StartCutProxy(t, srv.Addr(), 3<<20)
		host, port, _ := net.SplitHostPort(proxy.Addr)
		cfg := passwordConfig(srv)
		cfg.Host, cfg.Port = host, atoi(t, port)
		s := dial(t, cfg)
		data := randomBytes(8 << 20)
		err := s.Store("big.part", bytes.NewReader(data), 0)
		if err == nil || proxy.Cuts.Load() == 0 {
			t.Fatalf("store through a cut connection: %v (cuts %d)", err, proxy.Cuts.Load())
		}
		if c := transport.ClassOf(err); c != transport.ClassRetryable {
			t.Fatalf("class %v, want retryable: %v", c, err)
		}
		if h := transport.HintOf(err); !strings.Contains(h, "connection") {
			t.Errorf("hint %q", h)
		}
		direct := dial(t, passwordConfig(srv))
		size, err := direct.Size("big.part")
		if err != nil {
			t.Fatal(err)
		}
		onDisk, _ := os.ReadFile(filepath.Join(srv.Dir, "big.part"))
		if size > int64(len(data)) || !bytes.Equal(onDisk, data[:size]) {
			t.Fatalf("the %d bytes left by the cut upload are not the file's start", size)
		}
		if err := direct.Store("big.part", bytes.NewReader(data[size:]), size); err != nil {
			t.Fatalf("resume at %d: %v", size, err)
		}
		if onDisk, _ := os.ReadFile(filepath.Join(srv.Dir, "big.part")); !bytes.Equal(onDisk, data) {
			t.Fatalf("resumed file differs (%d bytes)", len(onDisk))
		}
	})
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func inProcessConfig(srv *sshtest.InProcess) sftpclient.Config {
	return sftpclient.Config{Host: srv.Host, Port: srv.Port, User: srv.User, Password: srv.Password,
		HostKey: srv.HostKey.Fingerprint, NoAgent: true, Timeout: testwait.Scaled(time.Second)}
}

// A server that stops answering in the middle of an upload does not hang
// the upload: the watchdog cuts the connection after Timeout of silence.
func TestSilentServerIsCutByTheWatchdog(t *testing.T) {
	srv := sshtest.StartInProcess(t)
	srv.SetFaults(sshtest.Faults{StallAfter: 1 << 20})
	s := dial(t, inProcessConfig(srv))
	done := make(chan error, 1)
	go func() { done <- s.Store("stall", bytes.NewReader(randomBytes(8<<20)), 0) }()
	select {
	case err := <-done:
		if c := transport.ClassOf(err); err == nil || c != transport.ClassRetryable {
			t.Fatalf("%v (class %v), want a retryable failure", err, c)
		}
		if h := transport.HintOf(err); !strings.Contains(h, "stopped answering") {
			t.Errorf("hint %q", h)
		}
	case <-time.After(testwait.Scaled(30 * time.Second)):
		t.Fatal("the upload to a silent server still waits")
	}
}

// Abort stops a call waiting for the server, from another goroutine.
func TestAbortStopsAWaitingStore(t *testing.T) {
	srv := sshtest.StartInProcess(t)
	srv.SetFaults(sshtest.Faults{StallAfter: 1 << 20})
	cfg := inProcessConfig(srv)
	cfg.Timeout = time.Hour // only the abort can end the wait
	s := dial(t, cfg)
	done := make(chan error, 1)
	go func() { done <- s.Store("stall", bytes.NewReader(randomBytes(8<<20)), 0) }()
	stop := errors.New("stopped by the test")
	transport.AbortOnCancel(canceledSoon(t), s)
	select {
	case err := <-done:
		if !errors.Is(err, stop) && transport.ClassOf(err) != transport.ClassRetryable {
			t.Fatalf("%v, want a retryable failure", err)
		}
	case <-time.After(testwait.Scaled(30 * time.Second)):
		t.Fatal("Abort did not end the upload")
	}
	if err := s.Noop(); err == nil {
		t.Fatal("the aborted session still answers")
	}
	_ = stop
}

func canceledSoon(t *testing.T) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	time.AfterFunc(200*time.Millisecond, cancel)
	return ctx
}

// The in-process server works for plain uploads (the fault tests' baseline).
func TestInProcessServerBaseline(t *testing.T) {
	srv := sshtest.StartInProcess(t)
	s := dial(t, inProcessConfig(srv))
	data := randomBytes(3 << 20)
	if err := s.Store("a.bin", bytes.NewReader(data), 0); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(srv.Dir, "a.bin")); !bytes.Equal(b, data) {
		t.Fatal("the file differs")
	}
}

// A connection lost to the in-process server is retryable too, and the
// next connection works.
func TestInProcessCutIsRetryable(t *testing.T) {
	srv := sshtest.StartInProcess(t)
	srv.SetFaults(sshtest.Faults{CutAfter: 1 << 20})
	s := dial(t, inProcessConfig(srv))
	err := s.Store("cut.bin", bytes.NewReader(randomBytes(4<<20)), 0)
	if c := transport.ClassOf(err); err == nil || c != transport.ClassRetryable {
		t.Fatalf("%v (class %v), want a retryable failure", err, c)
	}
	srv.SetFaults(sshtest.Faults{})
	again := dial(t, inProcessConfig(srv))
	if err := again.Store("cut.bin", bytes.NewReader(randomBytes(4<<20)), 0); err != nil {
		t.Fatalf("a fresh connection: %v", err)
	}
}

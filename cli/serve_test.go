package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"exchange/transport"
	"exchange/transport/ftpclient"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func TestServeAcceptsPassiveAndActiveUploads(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	old := serveContext
	serveContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	defer func() { serveContext = old }()

	dir := t.TempDir()
	var out syncBuffer
	done := make(chan int)
	go func() {
		done <- Run([]string{"serve", "--dir", dir, "--port", "0", "--tls"}, nil, &out, &out)
	}()
	addr := regexp.MustCompile(`listening on 127\.0\.0\.1:(\d+)`)
	var port int
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && port == 0; time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			port, _ = strconv.Atoi(m[1])
		}
	}
	if port == 0 {
		t.Fatalf("serve did not say where it listens:\n%s", out.String())
	}
	fp := regexp.MustCompile(`SHA-256 ([0-9A-F:]+)`).FindStringSubmatch(out.String())
	if fp == nil {
		t.Fatalf("serve --tls did not print the fingerprint:\n%s", out.String())
	}
	for _, mode := range []transport.Mode{transport.Passive, transport.Active} {
		s, err := ftpclient.Dial(context.Background(), transport.Config{Host: "127.0.0.1", Port: port, User: "exchange",
			Password: "exchange-local", Mode: mode, TLS: transport.TLSExplicit, PinnedSHA256: fp[1], Timeout: 5 * time.Second})
		if err != nil {
			t.Fatalf("%v: %v", mode, err)
		}
		name := mode.String() + ".al3"
		if err := s.Store(name, strings.NewReader("content "+name), 0); err != nil {
			t.Fatalf("%v: %v", mode, err)
		}
		_ = s.Quit()
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != "content "+name {
			t.Errorf("%v: inbox has %q, %v", mode, got, err)
		}
	}
	cancel()
	if code := <-done; code != ExitOK {
		t.Errorf("exit %d", code)
	}
}

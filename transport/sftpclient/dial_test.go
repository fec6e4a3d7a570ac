package sftpclient_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"exchange/internal/sshtest"
	"exchange/internal/testwait"
	"exchange/transport"
	_ "exchange/transport/sftpclient" // registers "sftp"
)

// A transport.Config with protocol sftp is dialled by transport.Dial through
// the registered Dialer: the session is decorated (a name with a line break
// is refused here, before anything is sent), a missing file is absent for
// SizeIfExists and NotFound, and a stored file has its size.
func TestTransportDialRegisteredSFTP(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{})
	var log []string
	cfg := transport.Config{Protocol: "sftp", Host: srv.Host, Port: srv.Port, User: srv.User,
		Password: srv.Password, PinnedSHA256: srv.HostKey.Fingerprint,
		Timeout: testwait.Scaled(10 * time.Second), Log: func(l string) { log = append(log, l) }}
	t.Setenv("SSH_AUTH_SOCK", "")
	s, err := transport.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Quit()
	if transport.Unwrap(s) == s {
		t.Fatal("the registered Dial returned an undecorated session")
	}
	_, exists, err := transport.SizeIfExists(s, "missing.al3")
	if err != nil || exists {
		t.Fatalf("a missing file: exists %v, err %v; want absent without error", exists, err)
	}
	_, err = s.Size("missing.al3")
	if !transport.NotFound(err) || !transport.IsReply(err) {
		t.Fatalf("Size of a missing file: %v, want the server's not-found answer", err)
	}
	if err := s.Store("a.al3", strings.NewReader("12345"), 0); err != nil {
		t.Fatal(err)
	}
	if n, exists, err := transport.SizeIfExists(s, "a.al3"); err != nil || !exists || n != 5 {
		t.Fatalf("stored file: %d %v %v", n, exists, err)
	}
	var fe *transport.Error
	if err := s.Store("b\r\n.al3", strings.NewReader("x"), 0); !errors.As(err, &fe) || !fe.Local {
		t.Fatalf("a name with CR/LF: %v, want a refusal made here", err)
	}
	if len(log) == 0 || strings.Contains(strings.Join(log, "\n"), srv.Password) {
		t.Fatalf("protocol log %q: want lines, never the password", log)
	}
}

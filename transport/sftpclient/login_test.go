package sftpclient_test

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh/agent"

	"exchange/internal/sshtest"
	"exchange/transport"
	"exchange/transport/sftpclient"
)

func TestKeyLogin(t *testing.T) {
	variants(t, func(t *testing.T, srv *sshtest.Server) {
		cfg := passwordConfig(srv)
		cfg.Password, cfg.KeyPEM = "", srv.ClientKey.PrivatePEM
		s := dial(t, cfg)
		if s.LoginDir() != srv.LoginDir {
			t.Errorf("LoginDir = %q, want %q", s.LoginDir(), srv.LoginDir)
		}
	})
}

// A key file protected by a passphrase is opened with the profile's
// password, which is then not offered to the server as a password.
func TestEncryptedKeyFileOpensWithThePassword(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{})
	key, err := sshtest.NewKeyPair("key passphrase")
	if err != nil {
		t.Fatal(err)
	}
	srv.Authorize(t, key)
	file := filepath.Join(t.TempDir(), "id_ed25519")
	if err := os.WriteFile(file, key.PrivatePEM, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := passwordConfig(srv)
	cfg.KeyFile, cfg.Password = file, "key passphrase"
	dial(t, cfg)

	cfg.Password = ""
	_, err = sftpclient.Connect(context.Background(), cfg)
	if h := transport.HintOf(err); err == nil || !strings.Contains(h, "passphrase") {
		t.Fatalf("an encrypted key without its passphrase: %v (hint %q)", err, h)
	}
	cfg.KeyFile = file + ".missing"
	_, err = sftpclient.Connect(context.Background(), cfg)
	if h := transport.HintOf(err); err == nil || !strings.Contains(h, "does not exist") {
		t.Fatalf("a missing key file: %v (hint %q)", err, h)
	}
}

func TestWrongKeyAndWrongPasswordAreAuthFailures(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{})
	other, err := sshtest.NewKeyPair("")
	if err != nil {
		t.Fatal(err)
	}
	wrongKey := passwordConfig(srv)
	wrongKey.Password, wrongKey.KeyPEM = "", other.PrivatePEM
	wrongPassword := passwordConfig(srv)
	wrongPassword.Password = "not it"
	for name, cfg := range map[string]sftpclient.Config{"wrong key": wrongKey, "wrong password": wrongPassword} {
		_, err := sftpclient.Connect(context.Background(), cfg)
		if c := transport.ClassOf(err); err == nil || c != transport.ClassAuth {
			t.Errorf("%s: %v (class %v), want an auth failure", name, err, c)
		}
		if h := transport.HintOf(err); !strings.Contains(h, "refused the login") {
			t.Errorf("%s: hint %q", name, h)
		}
	}
}

func TestNoPasswordNoKeyNoAgentSendsNothing(t *testing.T) {
	cfg := sftpclient.Config{Host: "127.0.0.1", Port: 1, User: "clerk", NoAgent: true}
	_, err := sftpclient.Connect(context.Background(), cfg)
	var fe *transport.Error
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "no way to log in") {
		t.Fatalf("%v, want a refusal before connecting", err)
	}
}

// With SSH_AUTH_SOCK set, the agent's keys log in.
func TestAgentLogin(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{})
	keyring := agent.NewKeyring()
	key, err := sshtest.NewKeyPair("")
	if err != nil {
		t.Fatal(err)
	}
	if err := keyring.Add(agent.AddedKey{PrivateKey: key.Private}); err != nil {
		t.Fatal(err)
	}
	srv.Authorize(t, key)
	sock := filepath.Join(t.TempDir(), "agent.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { _ = agent.ServeAgent(keyring, c); c.Close() }()
		}
	}()
	t.Setenv("SSH_AUTH_SOCK", sock)
	cfg := passwordConfig(srv)
	cfg.Password, cfg.NoAgent = "", false
	dial(t, cfg)
}

func TestHostKeyTrustOnFirstUse(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{})
	cfg := passwordConfig(srv)
	cfg.HostKey = ""
	var asked []transport.CertInfo
	cfg.ConfirmHostKey = func(info transport.CertInfo) bool { asked = append(asked, info); return false }
	_, err := sftpclient.Connect(context.Background(), cfg)
	var unknown *sftpclient.UnknownHostKeyError
	if !errors.As(err, &unknown) || transport.ClassOf(err) != transport.ClassTLS {
		t.Fatalf("declined key: %v, want UnknownHostKeyError of class TLS", err)
	}
	if len(asked) != 1 || asked[0].SHA256 != srv.HostKey.Fingerprint {
		t.Fatalf("asked %+v, want once with %s", asked, srv.HostKey.Fingerprint)
	}
	cfg.ConfirmHostKey = func(transport.CertInfo) bool { return true }
	s := transport.Unwrap(dial(t, cfg)).(*sftpclient.Session)
	if s.HostKey() != srv.HostKey.Fingerprint {
		t.Fatalf("accepted key %q, want %q", s.HostKey(), srv.HostKey.Fingerprint)
	}
	cfg.ConfirmHostKey = nil
	if _, err := sftpclient.Connect(context.Background(), cfg); err == nil {
		t.Fatal("an unpinned key was accepted with nobody to ask")
	}
}

// A server showing another key than the pinned one is refused with a
// warning, even when a confirm callback would say yes.
func TestChangedHostKeyIsRefused(t *testing.T) {
	first := sshtest.Start(t, sshtest.Options{})
	second := sshtest.Start(t, sshtest.Options{})
	cfg := passwordConfig(second)
	cfg.HostKey = first.HostKey.Fingerprint
	cfg.ConfirmHostKey = func(transport.CertInfo) bool { t.Error("asked about a changed key"); return true }
	_, err := sftpclient.Connect(context.Background(), cfg)
	var changed *sftpclient.HostKeyChangedError
	if !errors.As(err, &changed) || changed.Got != second.HostKey.Fingerprint {
		t.Fatalf("%v, want HostKeyChangedError showing %s", err, second.HostKey.Fingerprint)
	}
	if c := transport.ClassOf(err); c != transport.ClassTLS {
		t.Errorf("class %v, want TLS (trust)", c)
	}
	if h := transport.HintOf(err); !strings.HasPrefix(h, "Warning") {
		t.Errorf("hint %q is not a warning", h)
	}
}

func TestParseFingerprint(t *testing.T) {
	good := "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"
	for _, in := range []string{good, " " + good + " ", strings.TrimPrefix(good, "SHA256:"), good + "="} {
		if got, err := sftpclient.ParseFingerprint(in); err != nil || got != good {
			t.Errorf("ParseFingerprint(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "SHA256:abc", "AB:CD:EF", good + "AAAA", "MD5:" + good[7:]} {
		if _, err := sftpclient.ParseFingerprint(bad); err == nil {
			t.Errorf("ParseFingerprint(%q) accepted", bad)
		}
	}
}

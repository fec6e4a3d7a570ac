//go:build unix

package sftpclient_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"exchange/internal/proxytest"
	"exchange/internal/sshtest"
	"exchange/internal/testwait"
	"exchange/transport"
	"exchange/transport/proxy"
	_ "exchange/transport/sftpclient" // registers "sftp"
)

// sftpThrough is a transport config for srv whose connection goes through
// the proxy setting, as a profile with that proxy would give it.
func sftpThrough(t *testing.T, srv *sshtest.Server, setting string) transport.Config {
	t.Helper()
	route, err := proxy.For(setting, srv.Host)
	if err != nil {
		t.Fatal(err)
	}
	return transport.Config{Protocol: "sftp", Host: srv.Host, Port: srv.Port, User: srv.User,
		Password: srv.Password, PinnedSHA256: srv.HostKey.Fingerprint,
		Timeout: testwait.Scaled(10 * time.Second), Proxy: route.Dialer(testwait.Scaled(10 * time.Second))}
}

// uploadOverSFTP sends a file of several SSH packets through cfg and checks
// it landed whole in the server's folder.
func uploadOverSFTP(t *testing.T, srv *sshtest.Server, cfg transport.Config, name string) {
	t.Helper()
	s, err := transport.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatalf("dial through %v: %v (hint %q)", cfg.Proxy, err, transport.HintOf(err))
	}
	defer s.Quit()
	data := bytes.Repeat([]byte("through the office proxy\n"), 40000) // 1 MB
	if err := s.Store(name, bytes.NewReader(data), 0); err != nil {
		t.Fatalf("store through %v: %v", cfg.Proxy, err)
	}
	got, err := os.ReadFile(filepath.Join(srv.Dir, name))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("the file on the server is %d bytes (%v), want %d", len(got), err, len(data))
	}
}

// The SSH connection of an SFTP profile goes through its SOCKS5 proxy (with
// and without a password), as microsocks' own log shows.
func TestSFTPUploadThroughSOCKS5(t *testing.T) {
	t.Setenv("SSH_AUTH_SOCK", "")
	srv := sshtest.Start(t, sshtest.Options{})
	for _, auth := range []bool{false, true} {
		t.Run(fmt.Sprintf("auth=%v", auth), func(t *testing.T) {
			user, pass := "", ""
			if auth {
				user, pass = "officeproxy", "pr0xy-secret"
			}
			p := proxytest.SOCKS5(t, user, pass)
			var log []string
			cfg := sftpThrough(t, srv, p.URL)
			cfg.Log = func(l string) { log = append(log, l) }
			uploadOverSFTP(t, srv, cfg, fmt.Sprintf("socks-%v.al3", auth))
			want := fmt.Sprintf("connected to %s:%d", srv.Host, srv.Port)
			if !p.WaitLog(want) {
				t.Fatalf("microsocks did not relay the SSH connection (%s):\n%s", want, p.Log())
			}
			joined := strings.Join(log, "\n")
			if !strings.Contains(joined, "through proxy") || strings.Contains(joined, "pr0xy-secret") {
				t.Fatalf("the protocol log should name the proxy without its password:\n%s", joined)
			}
		})
	}
}

// The SSH connection goes through an HTTP CONNECT proxy that allows the
// SSH port, as tinyproxy's own log shows.
func TestSFTPUploadThroughHTTPConnect(t *testing.T) {
	t.Setenv("SSH_AUTH_SOCK", "")
	srv := sshtest.Start(t, sshtest.Options{})
	p := proxytest.HTTPConnect(t, srv.Port)
	uploadOverSFTP(t, srv, sftpThrough(t, srv, p.URL), "connect.al3")
	want := fmt.Sprintf("CONNECT %s:%d", srv.Host, srv.Port)
	if !p.WaitLog(want) {
		t.Fatalf("tinyproxy did not relay the SSH connection (%s):\n%s", want, p.Log())
	}
}

// A proxy that will not carry the SSH connection gives the proxy's own
// hint, not the one about the server's host and port.
func TestSFTPProxyThatRefusesNamesTheProxy(t *testing.T) {
	t.Setenv("SSH_AUTH_SOCK", "")
	srv := sshtest.Start(t, sshtest.Options{})
	p := proxytest.HTTPConnect(t, 1) // CONNECT only to port 1
	_, err := transport.Dial(context.Background(), sftpThrough(t, srv, p.URL))
	var pe *proxy.Error
	if !errors.As(err, &pe) || !pe.Reached {
		t.Fatalf("want a refusal by the proxy, got %v", err)
	}
	if h := transport.HintOf(err); !strings.Contains(h, "proxy") {
		t.Fatalf("the hint does not name the proxy: %q", h)
	}
}

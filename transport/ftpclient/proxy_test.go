//go:build unix

package ftpclient_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"exchange/internal/ftptest"
	"exchange/internal/proxytest"
	"exchange/transport"
	"exchange/transport/ftpclient"
	"exchange/transport/proxy"
)

// proxyDialer is the dialer of a named proxy, as a profile would give it.
func proxyDialer(t *testing.T, setting string) *proxy.Dialer {
	t.Helper()
	route, err := proxy.For(setting, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	return route.Dialer(ftptest.Scaled(10e9))
}

// uploadThrough sends a file in passive mode through the proxy and checks
// it arrived whole.
func uploadThrough(t *testing.T, srv *ftptest.Server, tlsMode transport.TLSMode, d *proxy.Dialer) {
	t.Helper()
	cfg := srv.Config(transport.Passive, tlsMode)
	cfg.Proxy = d
	sess, err := ftpclient.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatalf("dial through %v: %v\n%s", d, err, srv.Log())
	}
	defer sess.Quit()
	data := bytes.Repeat([]byte("through the proxy\n"), 40000) // 720 kB: several packets
	if err := sess.Store("proxied.al3", bytes.NewReader(data), 0); err != nil {
		t.Fatalf("store through %v: %v", d, err)
	}
	got, err := os.ReadFile(srv.Path("proxied.al3"))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("the file on the server is %d bytes (%v), want %d", len(got), err, len(data))
	}
}

// relayed reports whether the proxy's log names a connection to a port of
// the server other than the control port: a passive data connection.
func relayedData(log string, srv *ftptest.Server) bool {
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, srv.Host+":") && !strings.Contains(line, fmt.Sprintf("%s:%d", srv.Host, srv.Port)) {
			return true
		}
	}
	return false
}

func TestUploadThroughSOCKS5(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{TLS: transport.TLSExplicit})
	for _, auth := range []bool{false, true} {
		t.Run(fmt.Sprintf("auth=%v", auth), func(t *testing.T) {
			user, pass := "", ""
			if auth {
				user, pass = "officeproxy", "pr0xy-secret"
			}
			p := proxytest.SOCKS5(t, user, pass)
			d := proxyDialer(t, p.URL)
			if strings.Contains(d.String(), "pr0xy-secret") {
				t.Fatalf("the dialer prints the proxy password: %s", d)
			}
			uploadThrough(t, srv, transport.TLSNone, d)
			uploadThrough(t, srv, transport.TLSExplicit, d)
			control := fmt.Sprintf("connected to %s:%d", srv.Host, srv.Port)
			if !p.WaitLog(control) || !relayedData(p.Log(), srv) {
				t.Fatalf("microsocks did not relay the control (%s) and a data connection:\n%s", control, p.Log())
			}
		})
	}
}

func TestUploadThroughHTTPConnect(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{TLS: transport.TLSExplicit})
	p := proxytest.HTTPConnect(t)
	d := proxyDialer(t, p.URL)
	uploadThrough(t, srv, transport.TLSNone, d)
	uploadThrough(t, srv, transport.TLSExplicit, d)
	control := fmt.Sprintf("CONNECT %s:%d", srv.Host, srv.Port)
	if !p.WaitLog(control) || !relayedData(p.Log(), srv) {
		t.Fatalf("tinyproxy did not relay the control (%s) and a data connection:\n%s", control, p.Log())
	}
}

func TestProxyThatRefusesGivesAClearError(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	t.Run("CONNECT to a port it does not allow", func(t *testing.T) {
		p := proxytest.HTTPConnect(t, 1) // only port 1
		cfg := srv.Config(transport.Passive, transport.TLSNone)
		cfg.Proxy = proxyDialer(t, p.URL)
		_, err := ftpclient.Dial(context.Background(), cfg)
		t.Logf("error: %v; hint: %s", err, transport.HintOf(err))
		var pe *proxy.Error
		if !errors.As(err, &pe) || !pe.Reached || !strings.Contains(err.Error(), "403") {
			t.Fatalf("want a proxy refusal naming 403, got %v", err)
		}
		if h := transport.HintOf(err); !strings.Contains(h, "proxy") {
			t.Fatalf("the hint does not name the proxy: %q", h)
		}
	})
	t.Run("SOCKS5 with a wrong password", func(t *testing.T) {
		p := proxytest.SOCKS5(t, "officeproxy", "right")
		cfg := srv.Config(transport.Passive, transport.TLSNone)
		cfg.Proxy = proxyDialer(t, strings.Replace(p.URL, ":right@", ":wrong@", 1))
		_, err := ftpclient.Dial(context.Background(), cfg)
		t.Logf("error: %v; hint: %s", err, transport.HintOf(err))
		var pe *proxy.Error
		if !errors.As(err, &pe) || !pe.Reached {
			t.Fatalf("want a refusal by the proxy, got %v", err)
		}
		if strings.Contains(err.Error(), "wrong") {
			t.Fatalf("the error shows the proxy password: %v", err)
		}
	})
	t.Run("nothing listens at the proxy's address", func(t *testing.T) {
		p := proxytest.SOCKS5(t, "", "")
		url := p.URL
		p.Stop()
		cfg := srv.Config(transport.Passive, transport.TLSNone)
		cfg.Proxy = proxyDialer(t, url)
		_, err := ftpclient.Dial(context.Background(), cfg)
		t.Logf("error: %v; hint: %s", err, transport.HintOf(err))
		var pe *proxy.Error
		if !errors.As(err, &pe) || pe.Reached || !strings.Contains(err.Error(), "cannot be reached") {
			t.Fatalf("want 'the proxy cannot be reached', got %v", err)
		}
	})
}

func TestActiveModeThroughAProxyIsRefused(t *testing.T) {
	cfg := transport.Config{Host: "ftp.example", User: "u", Password: "p", Mode: transport.Active,
		Proxy: proxyDialer(t, "socks5://127.0.0.1:1")}
	_, err := ftpclient.Dial(context.Background(), cfg)
	var fe *transport.Error
	if !errors.As(err, &fe) || !fe.Local || !strings.Contains(err.Error(), "active mode cannot go through a proxy") {
		t.Fatalf("want a local refusal of active mode through a proxy, got %v", err)
	}
}

package latency

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/transport"
	"exchange/transport/ftpclient"
)

// Over explicit FTPS, whose PASV/EPSV replies the proxy cannot read, a
// passive upload still goes through it: the data connection arrives on one
// of the proxied passive ports, the file lands intact, and a command and an
// upload each take at least the round trips they cost on a network.
func TestFTPSUploadGoesThroughTheProxyDelayed(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{TLS: transport.TLSExplicit, RequireTLSReuse: true})
	const rtt = 30 * time.Millisecond
	p, err := ForVsftpd(srv, rtt)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	cfg := srv.Config(transport.Passive, transport.TLSExplicit)
	cfg.Host = ListenHost
	cfg.Timeout = ftptest.Scaled(30 * time.Second)
	start := time.Now()
	sess, err := ftpclient.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatalf("login through the proxy: %v\n%s", err, srv.Log())
	}
	defer sess.Quit()
	// Handshake, banner, AUTH TLS, the TLS handshake, USER, PASS at least.
	if d := time.Since(start); d < 6*rtt {
		t.Fatalf("the FTPS login took %v, want at least 6 round trips (%v)", d, 6*rtt)
	}
	if p.Accepted(srv.Port) != 1 {
		t.Fatalf("the proxy counted %d control connections, want 1", p.Accepted(srv.Port))
	}
	start = time.Now()
	if err := sess.Noop(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < rtt {
		t.Fatalf("NOOP took %v, want at least one round trip (%v)", d, rtt)
	}
	data := make([]byte, 2<<20)
	if _, err := rand.Read(data); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	if err := sess.Store("upload.bin", bytes.NewReader(data), 0); err != nil {
		t.Fatalf("store: %v\n%s", err, srv.Log())
	}
	// EPSV or PASV, the data connection's handshake and its TLS handshake,
	// STOR and its final reply.
	if d := time.Since(start); d < 3*rtt {
		t.Fatalf("the upload took %v, want at least 3 round trips (%v)", d, 3*rtt)
	}
	if n := p.Accepted(p.DataPorts()...); n < 1 {
		t.Fatal("no data connection went through the proxy: the upload went around it, undelayed")
	}
	got, err := os.ReadFile(srv.Path("upload.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Fatalf("the server has %d bytes that differ from the %d sent", len(got), len(data))
	}
}

package ftpclient_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/localserver"
	"exchange/transport"
	"exchange/transport/ftpclient"
)

func startLocal(t *testing.T, mode localserver.TLSMode) *localserver.Server {
	t.Helper()
	s, err := localserver.Start(localserver.Options{Dir: t.TempDir(), User: "clerk", Password: "s3cret pass", TLS: mode})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func localConfig(s *localserver.Server, mode transport.Mode, tlsMode transport.TLSMode) transport.Config {
	return transport.Config{Host: "127.0.0.1", Port: s.Port(), User: "clerk", Password: "s3cret pass",
		Mode: mode, TLS: tlsMode, PinnedSHA256: s.Fingerprint(), Timeout: ftptest.Scaled(5 * time.Second)}
}

func randomBytes(t *testing.T, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func assertFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("file on the server: %v", err)
	}
	if sha256.Sum256(got) != sha256.Sum256(want) {
		t.Fatalf("%s: %d bytes on the server, want %d (sha256 differs)", filepath.Base(path), len(got), len(want))
	}
}

var modes = []transport.Mode{transport.Passive, transport.Active}

func TestSessionAgainstBuiltInServer(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.String(), func(t *testing.T) { sessionAgainstBuiltInServer(t, mode) })
	}
}

func sessionAgainstBuiltInServer(t *testing.T, mode transport.Mode) {
	for _, tc := range []struct {
		name   string
		server localserver.TLSMode
		client transport.TLSMode
	}{
		{"plain", localserver.TLSExplicit, transport.TLSNone},
		{"explicit", localserver.TLSExplicit, transport.TLSExplicit},
		{"implicit", localserver.TLSImplicit, transport.TLSImplicit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := startLocal(t, tc.server)
			var logMu sync.Mutex
			var log []string
			cfg := localConfig(srv, mode, tc.client)
			cfg.Log = func(l string) { logMu.Lock(); log = append(log, l); logMu.Unlock() }
			s, err := ftpclient.Dial(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Quit()
			if got, _ := ftpclient.ModeOf(s); got != mode {
				t.Errorf("Mode() = %v", got)
			}
			if _, ok := s.Features()["SIZE"]; !ok {
				t.Errorf("FEAT not captured: %v", s.Features())
			}
			if err := s.MakeDirAll("/in/sub"); err != nil {
				t.Fatal(err)
			}
			if err := s.MakeDirAll("/in/sub"); err != nil {
				t.Fatalf("MakeDirAll on an existing dir: %v", err)
			}
			for _, n := range []int{0, 1, 1 << 20} {
				data := randomBytes(t, n)
				if err := s.Store("/in/sub/f.bin", bytes.NewReader(data), 0); err != nil {
					t.Fatalf("Store %d bytes: %v", n, err)
				}
				assertFile(t, filepath.Join(srv.Dir(), "in/sub/f.bin"), data)
				size, err := s.Size("/in/sub/f.bin")
				if err != nil || size != int64(n) {
					t.Fatalf("Size = %d, %v; want %d", size, err, n)
				}
			}
			// resume from an offset
			data := randomBytes(t, 300_000)
			if err := s.Store("/in/part", bytes.NewReader(data[:100_000]), 0); err != nil {
				t.Fatal(err)
			}
			if err := s.Store("/in/part", bytes.NewReader(data[100_000:]), 100_000); err != nil {
				t.Fatal(err)
			}
			assertFile(t, filepath.Join(srv.Dir(), "in/part"), data)
			// append
			if err := s.Append("/in/part", bytes.NewReader([]byte("tail"))); err != nil {
				t.Fatal(err)
			}
			assertFile(t, filepath.Join(srv.Dir(), "in/part"), append(append([]byte(nil), data...), "tail"...))
			// rename over an existing file
			if err := s.Rename("/in/part", "/in/sub/f.bin"); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(srv.Dir(), "in/part")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the old name is still there after rename: %v", err)
			}
			if err := s.Delete("/in/sub/f.bin"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Size("/in/sub/f.bin"); transport.ClassOf(err) != transport.ClassPermanent {
				t.Errorf("Size of a deleted file: %v (class %v), want a permanent error", err, transport.ClassOf(err))
			}
			if err := s.Noop(); err != nil {
				t.Fatal(err)
			}
			if mode == transport.Active {
				// ftpserverlib offers HASH: the active session uses it.
				data := randomBytes(t, 5000)
				if err := s.Store("/h.bin", bytes.NewReader(data), 0); err != nil {
					t.Fatal(err)
				}
				algo, sum, err := s.Hash("/h.bin")
				want := sha256.Sum256(data)
				if err != nil || algo != "sha-256" || sum != hex.EncodeToString(want[:]) {
					t.Errorf("Hash = %s %s %v, want sha-256 %x", algo, sum, err, want)
				}
			}
			logMu.Lock()
			joined := strings.Join(log, "\n")
			logMu.Unlock()
			if strings.Contains(joined, "s3cret") {
				t.Error("the protocol log shows the password")
			}
			if !strings.Contains(joined, "PASS ****") {
				t.Errorf("the protocol log has no redacted PASS line:\n%s", joined)
			}
		})
	}
}

func TestRefusesBadNamesBeforeSending(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.String(), func(t *testing.T) { refusesBadNames(t, mode) })
	}
}

func refusesBadNames(t *testing.T, mode transport.Mode) {
	srv := startLocal(t, localserver.TLSOff)
	var log []string
	cfg := localConfig(srv, mode, transport.TLSNone)
	cfg.Log = func(l string) { log = append(log, l) }
	s, err := ftpclient.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Quit()
	before := len(log)
	for _, name := range []string{"a\r\nDELE x", "a\nb", "a\x00b", ""} {
		if err := s.Store(name, strings.NewReader("x"), 0); transport.ClassOf(err) != transport.ClassPermanent {
			t.Errorf("Store(%q) = %v, want a permanent error", name, err)
		}
	}
	if len(log) != before {
		t.Errorf("commands were sent for refused names: %v", log[before:])
	}
}

func TestLoginRefusedIsAuth(t *testing.T) {
	srv := startLocal(t, localserver.TLSOff)
	for _, mode := range modes {
		cfg := localConfig(srv, mode, transport.TLSNone)
		cfg.Password = "wrong"
		_, err := ftpclient.Dial(context.Background(), cfg)
		if transport.ClassOf(err) != transport.ClassAuth {
			t.Errorf("%v, wrong password: %v (class %v), want auth", mode, err, transport.ClassOf(err))
		}
	}
}

func TestCertificateTrust(t *testing.T) {
	srv := startLocal(t, localserver.TLSExplicit)
	base := localConfig(srv, transport.Passive, transport.TLSExplicit)

	wrongPin := base
	wrongPin.PinnedSHA256 = strings.Repeat("AB:", 31) + "AB"
	if _, err := ftpclient.Dial(context.Background(), wrongPin); transport.ClassOf(err) != transport.ClassTLS {
		t.Errorf("wrong pin: %v (class %v), want TLS", err, transport.ClassOf(err))
	}

	unknown := base
	unknown.PinnedSHA256 = ""
	_, err := ftpclient.Dial(context.Background(), unknown)
	var untrusted *transport.UntrustedCertificateError
	if !errors.As(err, &untrusted) || untrusted.Info.SHA256 != srv.Fingerprint() {
		t.Fatalf("unknown certificate: %v, want UntrustedCertificateError with fingerprint %s", err, srv.Fingerprint())
	}

	asked := ""
	confirmed := unknown
	confirmed.ConfirmCertificate = func(info transport.CertInfo) bool { asked = info.SHA256; return true }
	s, err := ftpclient.Dial(context.Background(), confirmed)
	if err != nil {
		t.Fatalf("certificate confirmed by the user: %v", err)
	}
	defer s.Quit()
	if asked != srv.Fingerprint() {
		t.Errorf("the callback was shown %q, want %q", asked, srv.Fingerprint())
	}
	if err := s.Store("x", strings.NewReader("data over TLS"), 0); err != nil {
		t.Fatalf("upload after confirming: %v", err)
	}
}

// A transfer the server refuses after the data connection opened (550: no
// permission) fails at once, not after the timeout, and the session goes on.
func TestRefusedTransferFailsFast(t *testing.T) {
	srv := startLocal(t, localserver.TLSOff)
	if err := os.Mkdir(filepath.Join(srv.Dir(), "ro"), 0o555); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 || runtime.GOOS == "windows" {
		// root writes anywhere, and Windows ignores a folder's read-only
		// mode: make the target a directory, which STOR cannot replace.
		if err := os.Mkdir(filepath.Join(srv.Dir(), "ro", "taken"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, mode := range modes {
		cfg := localConfig(srv, mode, transport.TLSNone)
		cfg.Timeout = ftptest.Scaled(5 * time.Second)
		s, err := ftpclient.Dial(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		err = s.Store("/ro/taken", strings.NewReader("data"), 0)
		if err == nil {
			t.Fatalf("%v: the refused upload succeeded", mode)
		}
		if took := time.Since(start); took > ftptest.Scaled(2*time.Second) {
			t.Errorf("%v: refusal took %v (timeout %v): %v", mode, took, cfg.Timeout, err)
		}
		if err := s.Noop(); err != nil {
			t.Errorf("%v: session unusable after the refusal: %v", mode, err)
		}
		s.Quit()
	}
}

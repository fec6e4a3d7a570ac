package ftptest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/jlaffaye/ftp"

	"exchange/transport"
	"exchange/transport/ftpclient"
)

// TestSmoke logs in to every server with jlaffaye/ftp in passive mode,
// uploads 1 MiB and checks the file's sha256 on disk; then does the same over
// explicit TLS through ftpclient. (Raw jlaffaye over TLS 1.3 truncates
// uploads: it closes data connections without reading the server's session
// tickets, and pyftpdlib then answers 226 for a file missing its tail.)
func TestSmoke(t *testing.T) {
	data := make([]byte, 1<<20)
	if _, err := rand.Read(data); err != nil {
		t.Fatal(err)
	}
	want := sha256.Sum256(data)
	for _, k := range Kinds() {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			s := Start(t, k, Options{TLS: transport.TLSExplicit})
			for _, secure := range []bool{false, true} {
				name := "plain.bin"
				if secure {
					name = "tls.bin"
					sess, err := ftpclient.Dial(context.Background(), s.Config(transport.Passive, transport.TLSExplicit))
					if err != nil {
						t.Fatalf("dial (tls): %v\n%s", err, s.Log())
					}
					if err := sess.Store(name, bytes.NewReader(data), 0); err != nil {
						t.Fatalf("upload (tls): %v\n%s", err, s.Log())
					}
					_ = sess.Quit()
				} else {
					c, err := ftp.Dial(fmt.Sprintf("%s:%d", s.Host, s.Port), ftp.DialWithTimeout(Scaled(10*time.Second)))
					if err != nil {
						t.Fatalf("dial: %v\n%s", err, s.Log())
					}
					if err := c.Login(s.User, s.Password); err != nil {
						t.Fatalf("login: %v\n%s", err, s.Log())
					}
					if err := c.Stor(name, bytes.NewReader(data)); err != nil {
						t.Fatalf("upload: %v\n%s", err, s.Log())
					}
					_ = c.Quit()
				}
				got, err := os.ReadFile(s.Path(name))
				if err != nil {
					t.Fatalf("file on disk: %v", err)
				}
				if sha256.Sum256(got) != want {
					t.Fatalf("tls=%v: %d bytes on disk, sha256 differs from the 1 MiB sent", secure, len(got))
				}
				t.Logf("%s: 1 MiB passive upload (tls=%v) arrived intact", k, secure)
			}
		})
	}
}

// TestStopLeavesNothing checks that a stopped server leaves no process behind,
// even with a session open.
func TestStopLeavesNothing(t *testing.T) {
	for _, k := range []Kind{VSFTPD, PureFTPd, ProFTPD, Pyftpdlib} {
		t.Run(string(k), func(t *testing.T) {
			s := Start(t, k, Options{})
			c, err := ftp.Dial(fmt.Sprintf("%s:%d", s.Host, s.Port), ftp.DialWithTimeout(Scaled(5*time.Second)))
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Login(s.User, s.Password); err != nil {
				t.Fatal(err)
			}
			pid := s.Pid()
			if len(GroupProcesses(pid)) == 0 {
				t.Fatal("no server process found while running")
			}
			s.Stop()
			if left := GroupProcesses(pid); len(left) > 0 {
				t.Fatalf("processes left after Stop: %v", left)
			}
			if _, err := os.Stat(s.work); !os.IsNotExist(err) {
				t.Errorf("work folder left after Stop: %v", err)
			}
		})
	}
}

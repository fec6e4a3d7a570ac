package ftptest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"testing"
	"time"

	"github.com/jlaffaye/ftp"
)

// TestBrokerServesAServerToAnotherProcess: with BrokerEnv set, Start asks
// the broker, which runs the real server; the test process uploads to it,
// finds the file where Path says, and Stop ends the broker's server. This is
// how the Windows test binaries under wine reach the Linux servers.
func TestBrokerServesAServerToAnotherProcess(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- ServeBroker(l) }()
	t.Cleanup(func() { l.Close(); <-done })
	t.Setenv(BrokerEnv, l.Addr().String())

	s := Start(t, VSFTPD, Options{})
	if s.cmd != nil || s.Pid() != 0 {
		t.Fatal("the server was started by this process, not by the broker")
	}
	c, err := ftp.Dial(fmt.Sprintf("%s:%d", s.Host, s.Port), ftp.DialWithTimeout(Scaled(10*time.Second)))
	if err != nil {
		t.Fatalf("dial the broker's server: %v\n%s", err, s.Log())
	}
	if err := c.Login(s.User, s.Password); err != nil {
		t.Fatalf("login: %v\n%s", err, s.Log())
	}
	if err := c.Stor("brokered.al3", bytes.NewReader([]byte("1MHG"))); err != nil {
		t.Fatalf("upload: %v\n%s", err, s.Log())
	}
	_ = c.Quit()
	if got, err := os.ReadFile(s.Path("brokered.al3")); err != nil || string(got) != "1MHG" {
		t.Fatalf("file on the broker's server: %q, %v", got, err)
	}
	s.Stop()
	deadline := time.Now().Add(Scaled(10 * time.Second))
	for {
		conn, err := net.DialTimeout("tcp", fmt.Sprintf("%s:%d", s.Host, s.Port), time.Second)
		if err != nil {
			break
		}
		conn.Close()
		if time.Now().After(deadline) {
			t.Fatal("the broker's server still answers after Stop")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

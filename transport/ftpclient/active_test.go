package ftpclient_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/localserver"
	"exchange/transport"
	"exchange/transport/ftpclient"
)

// TestActiveRefusesDataConnectionFromForeignIP connects to the announced data
// port from 127.0.0.2 before the server does: that connection must be closed
// and the upload must still go through on the server's own connection.
func TestActiveRefusesDataConnectionFromForeignIP(t *testing.T) {
	srv := startLocal(t, localserver.TLSOff)
	eprt := regexp.MustCompile(`^EPRT \|1\|([0-9.]+)\|(\d+)\|`)
	var mu sync.Mutex
	var logged []string
	intruder := make(chan error, 1)
	cfg := localConfig(srv, transport.Active, transport.TLSNone)
	cfg.Log = func(l string) {
		mu.Lock()
		logged = append(logged, l)
		mu.Unlock()
		m := eprt.FindStringSubmatch(l)
		if m == nil {
			return
		}
		// The line is logged before it is sent: the intruder is first.
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}, Timeout: ftptest.Scaled(time.Second)}
		c, err := d.Dial("tcp", net.JoinHostPort(m[1], m[2]))
		if err != nil {
			intruder <- err
			return
		}
		go func() {
			defer c.Close()
			_ = c.SetReadDeadline(time.Now().Add(ftptest.Scaled(5 * time.Second)))
			_, err := c.Read(make([]byte, 1))
			intruder <- err // io.EOF: we were shut out
		}()
	}
	s, err := ftpclient.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Quit()
	data := randomBytes(t, 200_000)
	if err := s.Store("/x.bin", bytes.NewReader(data), 0); err != nil {
		t.Fatalf("upload with an intruder at the door: %v", err)
	}
	assertFile(t, srv.Dir()+"/x.bin", data)
	if err := <-intruder; err != io.EOF {
		t.Errorf("the foreign connection was not closed by us: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(strings.Join(logged, "\n"), "refused a data connection from 127.0.0.2") {
		t.Error("the refusal was not logged")
	}
}

// TestActiveServerNeverConnectsBack is a server that accepts EPRT and STOR
// but never opens the data connection: the upload ends with a retryable error
// within the timeout, and the session is not left stuck.
func TestActiveServerNeverConnectsBack(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		io.WriteString(c, "220 scripted\r\n")
		buf := make([]byte, 4096)
		for {
			n, err := c.Read(buf)
			if err != nil {
				return
			}
			for _, line := range strings.Split(strings.TrimSpace(string(buf[:n])), "\r\n") {
				cmd := strings.ToUpper(strings.Fields(line + " ")[0])
				var reply string
				switch cmd {
				case "USER":
					reply = "331 password"
				case "PASS":
					reply = "230 ok"
				case "FEAT":
					reply = "211 no features"
				case "TYPE", "EPRT", "NOOP":
					reply = "200 ok"
				case "STOR":
					reply = "150 opening data connection" // ...and never does
				default:
					reply = "502 no"
				}
				io.WriteString(c, reply+"\r\n")
			}
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	cfg := transport.Config{Host: "127.0.0.1", Port: port, User: "u", Password: "p", Mode: transport.Active, Timeout: 700 * time.Millisecond}
	s, err := ftpclient.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Quit()
	start := time.Now()
	err = s.Store("f", strings.NewReader("data"), 0)
	if transport.ClassOf(err) != transport.ClassRetryable {
		t.Fatalf("Store = %v (class %v), want retryable", err, transport.ClassOf(err))
	}
	if took := time.Since(start); took > ftptest.Scaled(5*time.Second) {
		t.Errorf("took %v; the timeout is 700 ms per wait", took)
	}
	if !strings.Contains(err.Error(), "did not open the data connection") {
		t.Errorf("error does not say what happened: %v", err)
	}
}

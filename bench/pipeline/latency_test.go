package pipeline

import (
	"bufio"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// An echo server behind the proxy: each line comes back no sooner than one
// round trip, intact and in order, and the end of the stream passes through.
func TestDelayProxyAddsTheRoundTrip(t *testing.T) {
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
		_, _ = io.Copy(c, c)
	}()
	const rtt = 40 * time.Millisecond
	p, err := StartDelayProxy(ln.Addr().String(), rtt)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	c, err := net.Dial("tcp", p.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r := bufio.NewReader(c)
	for _, line := range []string{"USER clerk\r\n", "SIZE a.al3\r\n", strings.Repeat("x", 100000) + "\r\n"} {
		start := time.Now()
		if _, err := io.WriteString(c, line); err != nil {
			t.Fatal(err)
		}
		got, err := r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if got != line {
			t.Fatalf("echo of %d bytes came back as %d bytes", len(line), len(got))
		}
		if d := time.Since(start); d < rtt {
			t.Fatalf("round trip took %v, want at least %v", d, rtt)
		}
	}
	if err := c.(*net.TCPConn).CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if rest, err := io.ReadAll(r); err != nil || len(rest) != 0 {
		t.Fatalf("after our end: %q, %v; want the echo server's end", rest, err)
	}
}

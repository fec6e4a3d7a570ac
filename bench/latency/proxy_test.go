package latency

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"io"
	"net"
	"strconv"
	"testing"
	"time"
)

// echoServer answers every connection on 127.0.0.1 with what it reads, and
// closes its side when the client closed its own.
func echoServer(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
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
			go func() {
				defer c.Close()
				_, _ = io.Copy(c, c)
			}()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

// Through the proxy, a new connection's first answer costs two round trips
// (handshake, then the exchange), each later one at least one; every byte
// comes back intact and in order, large writes included, and the end of the
// stream passes through.
func TestProxyDelaysBothWaysAndPassesBytesIntact(t *testing.T) {
	port := echoServer(t)
	const rtt = 40 * time.Millisecond
	p, err := Start(Config{ListenHost: ListenHost, TargetHost: "127.0.0.1", Ports: []int{port}, RTT: rtt})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	start := time.Now()
	c, err := net.Dial("tcp", net.JoinHostPort(ListenHost, strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	big := make([]byte, 3<<20)
	if _, err := rand.Read(big); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(c)
	for i, msg := range [][]byte{[]byte("USER clerk\r\n"), []byte("SIZE a.al3\r\n"), big} {
		if i > 0 {
			start = time.Now()
		}
		go func() { _, _ = c.Write(msg) }() // the echo may fill the buffers before the write ends
		got := make([]byte, len(msg))
		if _, err := io.ReadFull(r, got); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if !bytes.Equal(got, msg) {
			t.Fatalf("message %d of %d bytes came back changed", i, len(msg))
		}
		want := rtt
		if i == 0 {
			want = 2 * rtt
		}
		if d := time.Since(start); d < want {
			t.Fatalf("message %d came back after %v, want at least %v", i, d, want)
		}
	}
	if err := c.(*net.TCPConn).CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if rest, err := io.ReadAll(r); err != nil || len(rest) != 0 {
		t.Fatalf("after our end: %d more bytes, %v; want the echo server's end", len(rest), err)
	}
	if n := p.Accepted(port); n != 1 {
		t.Fatalf("the proxy counted %d connections, want 1", n)
	}
}

// The ports being the same on both sides, listening on the server's own
// address would relay to itself.
func TestStartRefusesTheServersOwnAddress(t *testing.T) {
	if _, err := Start(Config{ListenHost: "127.0.0.1", TargetHost: "127.0.0.1", Ports: []int{21}}); err == nil {
		t.Fatal("a proxy on the server's own address started")
	}
}

package sshtest

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Proxy relays loopback connections to target. It can cut each connection
// (both directions, at once) when the client has sent more than CutAfter
// bytes through it, a network failure in the middle of an upload, and slow
// the client's bytes down to a rate, so that a test can act while an upload
// runs; it works with any server.
type Proxy struct {
	Addr string
	// Cuts counts the connections cut.
	Cuts atomic.Int32
	// Rate limits the client's bytes per second of each connection (0: none).
	Rate     atomic.Int64
	cutAfter int64
}

// StartCutProxy runs a proxy that cuts each connection after after bytes
// from the client, until the test ends.
func StartCutProxy(t testing.TB, target string, after int64) *Proxy {
	return StartProxy(t, target, after, 0)
}

// StartProxy runs a proxy until the test ends; cutAfter 0 never cuts, rate
// 0 does not slow down.
func StartProxy(t testing.TB, target string, cutAfter, rate int64) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{Addr: ln.Addr().String(), cutAfter: cutAfter}
	p.Rate.Store(rate)
	var mu sync.Mutex
	var open []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range open {
			c.Close()
		}
	})
	go func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			server, err := net.Dial("tcp", target)
			if err != nil {
				client.Close()
				continue
			}
			mu.Lock()
			open = append(open, client, server)
			mu.Unlock()
			go p.relay(client, server)
		}
	}()
	return p
}

func (p *Proxy) relay(client, server net.Conn) {
	cut := func() {
		client.Close()
		server.Close()
	}
	go func() {
		_, _ = io.Copy(client, server)
		cut()
	}()
	defer cut()
	buf := make([]byte, 16<<10)
	var total, paced int64 // all bytes relayed; bytes since the pace began
	start := time.Now()
	for {
		want := len(buf)
		if p.cutAfter > 0 {
			want = int(min(int64(want), p.cutAfter-total))
		}
		n, err := client.Read(buf[:want])
		if n > 0 {
			if _, werr := server.Write(buf[:n]); werr != nil {
				return
			}
			total += int64(n)
			paced += int64(n)
		}
		if p.cutAfter > 0 && total >= p.cutAfter {
			p.Cuts.Add(1)
			return
		}
		if err != nil {
			return
		}
		if rate := p.Rate.Load(); rate > 0 {
			time.Sleep(time.Until(start.Add(time.Duration(float64(paced) / float64(rate) * float64(time.Second)))))
		} else {
			start, paced = time.Now(), 0
		}
	}
}

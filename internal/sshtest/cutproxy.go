package sshtest

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// CutProxy relays loopback connections to target and cuts each of them
// (both directions, at once) when the client has sent more than after bytes
// through it: a network failure in the middle of an upload, for any server.
type CutProxy struct {
	Addr string
	// Cuts counts the connections cut.
	Cuts atomic.Int32
}

// StartCutProxy runs the proxy until the test ends.
func StartCutProxy(t testing.TB, target string, after int64) *CutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &CutProxy{Addr: ln.Addr().String()}
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
			cut := func() {
				client.Close()
				server.Close()
			}
			go func() {
				_, _ = io.Copy(client, server)
				cut()
			}()
			go func() {
				if n, _ := io.CopyN(server, client, after); n == after {
					p.Cuts.Add(1)
				}
				cut()
			}()
		}
	}()
	return p
}

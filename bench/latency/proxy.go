package latency

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"
)

// Config says where the proxy listens, where it relays and how slowly.
type Config struct {
	// ListenHost is the address the clients connect to, 127.0.0.2 for a
	// server on 127.0.0.1 (any 127.x.y.z is this machine on Linux).
	ListenHost string
	// TargetHost is the server's address.
	TargetHost string
	// Ports are relayed each to the same port on TargetHost: the control
	// port and every passive data port.
	Ports []int
	// RTT is the round trip added: RTT/2 each way, and one RTT more before
	// a new connection reaches the server (the TCP handshake).
	RTT time.Duration
}

// Proxy is a running delaying proxy (see the package comment).
type Proxy struct {
	cfg Config
	lns []net.Listener
	wg  sync.WaitGroup

	mu       sync.Mutex
	conns    map[net.Conn]struct{}
	accepted map[int]int
	closed   bool
}

// Start listens on every port of cfg.Ports at cfg.ListenHost and relays.
func Start(cfg Config) (*Proxy, error) {
	if cfg.ListenHost == cfg.TargetHost {
		return nil, errors.New("latency: the proxy must listen on another address than the server's, the ports being the same")
	}
	p := &Proxy{cfg: cfg, conns: map[net.Conn]struct{}{}, accepted: map[int]int{}}
	for _, port := range cfg.Ports {
		ln, err := net.Listen("tcp", net.JoinHostPort(cfg.ListenHost, strconv.Itoa(port)))
		if err != nil {
			p.Close()
			return nil, fmt.Errorf("latency: listen for port %d: %w", port, err)
		}
		p.lns = append(p.lns, ln)
		p.wg.Add(1)
		go p.accept(ln, port)
	}
	return p, nil
}

// Accepted is how many connections the proxy took on these ports so far.
func (p *Proxy) Accepted(ports ...int) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, port := range ports {
		n += p.accepted[port]
	}
	return n
}

// Close stops listening, cuts the connections under way and waits for the
// relays to end.
func (p *Proxy) Close() {
	p.mu.Lock()
	p.closed = true
	for _, ln := range p.lns {
		_ = ln.Close()
	}
	for c := range p.conns {
		_ = c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

func (p *Proxy) accept(ln net.Listener, port int) {
	defer p.wg.Done()
	for {
		client, err := ln.Accept()
		if err != nil {
			return
		}
		if !p.track(client) {
			_ = client.Close()
			return
		}
		p.mu.Lock()
		p.accepted[port]++
		p.mu.Unlock()
		p.wg.Add(1)
		go p.connect(client, port)
	}
}

// connect reaches the server one round trip after the client came (what the
// handshake would cost on the network), then relays both ways.
func (p *Proxy) connect(client net.Conn, port int) {
	defer p.wg.Done()
	time.Sleep(p.cfg.RTT)
	server, err := net.Dial("tcp", net.JoinHostPort(p.cfg.TargetHost, strconv.Itoa(port)))
	if err != nil || !p.track(server) {
		if server != nil {
			_ = server.Close()
		}
		p.untrack(client)
		return
	}
	oneWay := p.cfg.RTT / 2
	var both sync.WaitGroup
	both.Add(2)
	go func() { defer both.Done(); relay(server, client, oneWay) }()
	go func() { defer both.Done(); relay(client, server, oneWay) }()
	both.Wait()
	p.untrack(client)
	p.untrack(server)
}

// track remembers c for Close; false once the proxy is closed.
func (p *Proxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.conns[c] = struct{}{}
	return true
}

func (p *Proxy) untrack(c net.Conn) {
	_ = c.Close()
	p.mu.Lock()
	delete(p.conns, c)
	p.mu.Unlock()
}

package pipeline

import (
	"net"
	"sync"
	"time"
)

// DelayProxy relays TCP connections to a server, holding every chunk back for
// a fixed one-way delay in each direction, as a network with that round trip
// would (without its bandwidth limit). Put in front of an FTP server's control
// port, it makes every command cost a round trip; data connections, whose
// addresses the server gives in its PASV and EPSV replies, go to the server
// directly.
type DelayProxy struct {
	Addr string // where clients connect: 127.0.0.1:port

	ln     net.Listener
	target string
	oneWay time.Duration
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  []net.Conn
}

// StartDelayProxy listens on a free loopback port and relays to target with
// rtt/2 of delay each way.
func StartDelayProxy(target string, rtt time.Duration) (*DelayProxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &DelayProxy{Addr: ln.Addr().String(), ln: ln, target: target, oneWay: rtt / 2}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Close stops listening and cuts the connections under way.
func (p *DelayProxy) Close() {
	_ = p.ln.Close()
	p.mu.Lock()
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

func (p *DelayProxy) accept() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = client.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, client, server)
		p.mu.Unlock()
		p.wg.Add(2)
		go p.relay(server, client)
		go p.relay(client, server)
	}
}

type chunk struct {
	data []byte
	due  time.Time
}

// relay copies from src to dst, each chunk delivered oneWay after it was read,
// in order; src's end is passed on once everything before it is delivered.
func (p *DelayProxy) relay(dst, src net.Conn) {
	defer p.wg.Done()
	queue := make(chan chunk, 4096)
	go func() {
		defer close(queue)
		for {
			buf := make([]byte, 32<<10)
			n, err := src.Read(buf)
			if n > 0 {
				queue <- chunk{buf[:n], time.Now().Add(p.oneWay)}
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range queue {
		time.Sleep(time.Until(c.due))
		if _, err := dst.Write(c.data); err != nil {
			_ = src.Close()
			for range queue { // let the reader end
			}
			return
		}
	}
	if t, ok := dst.(*net.TCPConn); ok {
		_ = t.CloseWrite() // the other direction may still be under way
		return
	}
	_ = dst.Close()
}

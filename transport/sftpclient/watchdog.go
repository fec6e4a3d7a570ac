package sftpclient

import (
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// watchedConn is the TCP connection under SSH. While an operation waits for
// the server (busy > 0), a connection on which nothing arrived for the
// timeout is cut, so that no call hangs on a server that went silent; an
// idle connection between operations is left alone.
type watchedConn struct {
	net.Conn
	lastRead atomic.Int64 // unix nanoseconds
	busy     atomic.Int32
	timeout  time.Duration

	mu       sync.Mutex
	cause    error // why the watchdog or an abort cut the connection
	stopped  chan struct{}
	stopOnce sync.Once
}

func newWatchedConn(c net.Conn, timeout time.Duration) *watchedConn {
	w := &watchedConn{Conn: c, timeout: timeout, stopped: make(chan struct{})}
	w.lastRead.Store(time.Now().UnixNano())
	go w.watch()
	return w
}

func (w *watchedConn) Read(b []byte) (int, error) {
	n, err := w.Conn.Read(b)
	if n > 0 {
		w.lastRead.Store(time.Now().UnixNano())
	}
	return n, err
}

// begin marks an operation waiting for the server; the returned func ends it.
func (w *watchedConn) begin() func() {
	if w.busy.Add(1) == 1 {
		// The silence counts from the start of the operation, not from
		// the end of the previous one.
		w.lastRead.Store(time.Now().UnixNano())
	}
	return func() { w.busy.Add(-1) }
}

func (w *watchedConn) watch() {
	tick := time.NewTicker(max(w.timeout/8, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-w.stopped:
			return
		case <-tick.C:
		}
		silent := time.Since(time.Unix(0, w.lastRead.Load()))
		if w.busy.Load() > 0 && silent > w.timeout {
			w.cut(errStalled)
			return
		}
	}
}

// cut closes the connection for cause (the first cause is kept).
func (w *watchedConn) cut(cause error) {
	w.mu.Lock()
	if w.cause == nil {
		w.cause = cause
	}
	w.mu.Unlock()
	_ = w.Conn.Close()
}

func (w *watchedConn) cutCause() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.cause
}

func (w *watchedConn) Close() error {
	w.stopOnce.Do(func() { close(w.stopped) })
	return w.Conn.Close()
}

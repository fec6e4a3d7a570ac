package latency

import (
	"net"
	"time"
)

// inFlight bounds the chunks one direction holds back (32 KiB each): about
// 32 MiB, a gigabit's worth at a 30 ms round trip.
const inFlight = 1024

type chunk struct {
	data []byte
	due  time.Time
}

// relay copies src to dst, each chunk delivered oneWay after it was read, in
// order. src's end is passed on (CloseWrite) once everything read before it
// is delivered, so that a half-closed FTP data connection (the client's end
// of an upload) still lets the other direction finish. A write error closes
// src, which ends the reader.
func relay(dst, src net.Conn, oneWay time.Duration) {
	queue := make(chan chunk, inFlight)
	go func() {
		defer close(queue)
		for {
			buf := make([]byte, 32<<10)
			n, err := src.Read(buf)
			if n > 0 {
				queue <- chunk{buf[:n], time.Now().Add(oneWay)}
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
			_ = dst.Close()
			return
		}
	}
	if t, ok := dst.(*net.TCPConn); ok {
		_ = t.CloseWrite()
		return
	}
	_ = dst.Close()
}

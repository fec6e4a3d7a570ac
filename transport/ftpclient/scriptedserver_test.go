package ftpclient_test

import (
	"io"
	"net"
	"time"
)

// Behaviours of STOR.
func readAllThen(reply string) func(net.Conn, func(string)) {
	return func(d net.Conn, say func(string)) {
		io.Copy(io.Discard, d)
		if reply != "" {
			say(reply)
		}
	}
}

func readAllThenHang(d net.Conn, _ func(string)) {
	io.Copy(io.Discard, d)
	time.Sleep(time.Hour) // the 226 never comes (ends when the test's server closes)
}

func cutAfter(n int64) func(net.Conn, func(string)) {
	return func(d net.Conn, say func(string)) {
		io.CopyN(io.Discard, d, n)
		if tc, ok := d.(*net.TCPConn); ok {
			tc.SetLinger(0) // reset, as a dropped connection looks
		}
		d.Close()
		say("426 connection closed; transfer aborted")
	}
}

func drip(chunk int, every time.Duration) func(net.Conn, func(string)) {
	return func(d net.Conn, say func(string)) {
		buf := make([]byte, chunk)
		for {
			if _, err := io.ReadFull(d, buf); err != nil {
				break
			}
			time.Sleep(every)
		}
		say("226 slow but complete")
	}
}

func stall(d net.Conn, _ func(string)) {
	io.CopyN(io.Discard, d, 1024)
	time.Sleep(time.Hour) // stops reading and never answers
}

package ftpclient_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// scripted is a tiny FTP server for fault tests: it logs in anyone, offers
// passive (EPSV, PASV) and active (EPRT, PORT) data connections on loopback,
// and lets each test decide what STOR does.
type scripted struct {
	ln net.Listener
	// noBanner: accept the connection and never say anything.
	noBanner bool
	// noEPSV: refuse EPSV so that the client falls back to PASV.
	noEPSV bool
	// pasvIP is the address the PASV reply names (the data listener is on 127.0.0.1 only).
	pasvIP string
	// stor runs after the data connection is open: data is the connection,
	// say writes a reply on the control connection.
	stor func(data net.Conn, say func(string))
	// preliminary, when not "", replaces the 150 reply to STOR (no data connection then).
	preliminary string
}

func startScripted(t *testing.T, s *scripted) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.ln = ln
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

func (s *scripted) serve(c net.Conn) {
	defer c.Close()
	if s.noBanner {
		io.Copy(io.Discard, c)
		return
	}
	say := func(line string) { io.WriteString(c, line+"\r\n") }
	say("220 scripted server")
	rd := bufio.NewReader(c)
	var pasv net.Listener
	var activeAddr string
	defer func() {
		if pasv != nil {
			pasv.Close()
		}
	}()
	for {
		line, err := rd.ReadString('\n')
		if err != nil {
			return
		}
		f := strings.Fields(strings.TrimSpace(line))
		if len(f) == 0 {
			continue
		}
		arg := ""
		if len(f) > 1 {
			arg = f[1]
		}
		switch strings.ToUpper(f[0]) {
		case "USER":
			say("331 password please")
		case "PASS":
			say("230 logged in")
		case "FEAT":
			say("211-Features:\r\n SIZE\r\n211 End")
		case "TYPE", "NOOP", "OPTS":
			say("200 ok")
		case "PWD":
			say(`257 "/"`)
		case "SIZE":
			say("213 0")
		case "EPSV", "PASV":
			if s.noEPSV && strings.EqualFold(f[0], "EPSV") {
				say("502 EPSV not here")
				continue
			}
			if pasv != nil {
				pasv.Close()
			}
			pasv, _ = net.Listen("tcp", "127.0.0.1:0")
			port := pasv.Addr().(*net.TCPAddr).Port
			if strings.EqualFold(f[0], "EPSV") {
				say(fmt.Sprintf("229 Entering Extended Passive Mode (|||%d|)", port))
			} else {
				ip := strings.ReplaceAll(s.pasvIP, ".", ",")
				say(fmt.Sprintf("227 Entering Passive Mode (%s,%d,%d)", ip, port>>8, port&255))
			}
		case "EPRT":
			p := strings.Split(arg, "|")
			activeAddr = net.JoinHostPort(p[2], p[3])
			say("200 ok")
		case "PORT":
			n := strings.Split(arg, ",")
			hi, _ := strconv.Atoi(n[4])
			lo, _ := strconv.Atoi(n[5])
			activeAddr = net.JoinHostPort(strings.Join(n[:4], "."), strconv.Itoa(hi<<8|lo))
			say("200 ok")
		case "STOR", "APPE":
			if s.preliminary != "" {
				say(s.preliminary)
				continue
			}
			say("150 go ahead")
			var data net.Conn
			if activeAddr != "" {
				data, err = net.DialTimeout("tcp", activeAddr, 2*time.Second)
				activeAddr = ""
			} else if pasv != nil {
				data, err = pasv.Accept()
			}
			if err != nil || data == nil {
				say("425 no data connection")
				continue
			}
			s.stor(data, say)
			data.Close()
		case "QUIT":
			say("221 bye")
			return
		default:
			say("502 not implemented")
		}
	}
}

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

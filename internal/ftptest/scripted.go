package ftptest

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Scripted is a tiny FTP server for fault tests, written here: it logs in
// anyone, offers passive (EPSV, PASV) and active (EPRT, PORT) data
// connections on loopback, and lets each test decide what STOR does.
type Scripted struct {
	ln net.Listener
	// NoBanner: accept the connection and never say anything.
	NoBanner bool
	// NoEPSV: refuse EPSV so that the client falls back to PASV.
	NoEPSV bool
	// PASVAddress is the address the PASV reply names (default 127.0.0.1; the
	// data listener is on 127.0.0.1 only).
	PASVAddress string
	// DeadPassive: EPSV and PASV name a port nobody listens on, as a
	// firewalled passive port range looks from the client.
	DeadPassive bool
	// Stor runs after the data connection is open: data is the connection,
	// say writes a reply on the control connection. nil: read all, then 226.
	Stor func(data net.Conn, say func(string))
	// Preliminary, when not "", replaces the 150 reply to STOR (no data connection then).
	Preliminary string

	// Hostile behaviours, for the tests of a client's budgets.

	// Greet, when set, replaces the greeting: it may write anything, for as
	// long as it likes (it ends when the client hangs up).
	Greet func(c net.Conn)
	// OnCommand, when set, sees every command first (verb in upper case);
	// returning true means it has answered (or hung up) itself.
	OnCommand func(verb string, c net.Conn) bool
	// Delay holds back every reply (greeting included) this long.
	Delay time.Duration
	// TLS, when set, makes the port speak TLS from the first byte (implicit
	// FTPS) with this configuration; data connections stay plain.
	TLS *tls.Config
}

// StartScripted serves s on a free loopback port until the test ends.
func StartScripted(t testing.TB, s *Scripted) int {
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
			if s.TLS != nil {
				c = tls.Server(c, s.TLS)
			}
			go s.serve(c)
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

func (s *Scripted) serve(c net.Conn) {
	defer c.Close()
	if s.NoBanner {
		io.Copy(io.Discard, c)
		return
	}
	say := func(line string) {
		time.Sleep(s.Delay)
		io.WriteString(c, line+"\r\n")
	}
	if s.Greet != nil {
		s.Greet(c)
		return
	}
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
		if s.OnCommand != nil && s.OnCommand(strings.ToUpper(f[0]), c) {
			continue
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
			if s.NoEPSV && strings.EqualFold(f[0], "EPSV") {
				say("502 EPSV not here")
				continue
			}
			if pasv != nil {
				pasv.Close()
			}
			pasv, _ = net.Listen("tcp", "127.0.0.1:0")
			port := pasv.Addr().(*net.TCPAddr).Port
			if s.DeadPassive {
				pasv.Close()
				pasv = nil
			}
			if strings.EqualFold(f[0], "EPSV") {
				say(fmt.Sprintf("229 Entering Extended Passive Mode (|||%d|)", port))
			} else {
				addr := s.PASVAddress
				if addr == "" {
					addr = "127.0.0.1"
				}
				ip := strings.ReplaceAll(addr, ".", ",")
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
			if s.Preliminary != "" {
				say(s.Preliminary)
				continue
			}
			say("150 go ahead")
			var data net.Conn
			if activeAddr != "" {
				data, err = net.DialTimeout("tcp", activeAddr, Scaled(2*time.Second))
				activeAddr = ""
			} else if pasv != nil {
				data, err = pasv.Accept()
			}
			if err != nil || data == nil {
				say("425 no data connection")
				continue
			}
			if s.Stor != nil {
				s.Stor(data, say)
			} else {
				io.Copy(io.Discard, data)
				say("226 stored")
			}
			data.Close()
		case "DELE", "RNFR", "RNTO":
			say("250 ok")
		case "QUIT":
			say("221 bye")
			return
		default:
			say("502 not implemented")
		}
	}
}

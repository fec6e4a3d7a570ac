package diagnose

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"exchange/uploader/localserver"
	"exchange/uploader/profile"
)

func statuses(res Result) map[string]Status {
	m := map[string]Status{}
	for _, s := range res.Steps {
		m[s.Name] = s.Status
	}
	return m
}

func TestEverythingWorksOnTheBuiltInServer(t *testing.T) {
	srv, err := localserver.Start(localserver.Options{Dir: t.TempDir(), User: "u", Password: "p", TLS: localserver.TLSExplicit})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	p := profile.Profile{Name: "local", Host: "127.0.0.1", Port: srv.Port(), User: "u", TLS: "explicit", PinnedSHA256: srv.Fingerprint()}
	var seen []string
	res := Run(context.Background(), p, "p", Options{Timeout: 5 * time.Second, Progress: func(s Step) { seen = append(seen, s.Name) }})
	for name, st := range statuses(res) {
		if st != OK {
			t.Errorf("step %q: %s (%+v)", name, st, res.Steps)
		}
	}
	if len(seen) != 9 {
		t.Errorf("progress saw %d steps, want 9: %v", len(seen), seen)
	}
	if !res.PassiveOK || !res.ActiveOK || res.Recommended != "passive" || !strings.Contains(res.Verdict, "Everything works") {
		t.Errorf("result = %+v", res)
	}
	if res.Certificate == nil || res.Certificate.SHA256 != srv.Fingerprint() {
		t.Errorf("certificate = %+v", res.Certificate)
	}
}

func TestWrongPasswordSaysSo(t *testing.T) {
	srv, err := localserver.Start(localserver.Options{Dir: t.TempDir(), User: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	res := Run(context.Background(), profile.Profile{Name: "x", Host: "127.0.0.1", Port: srv.Port(), User: "u"}, "wrong", Options{Timeout: 3 * time.Second})
	if statuses(res)[stepLogin] != Failed || !strings.Contains(res.Verdict, "refused the user name or password") {
		t.Errorf("verdict %q, steps %+v", res.Verdict, res.Steps)
	}
}

func TestNothingListening(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	res := Run(context.Background(), profile.Profile{Name: "x", Host: "127.0.0.1", Port: port, User: "u"}, "p", Options{Timeout: 2 * time.Second})
	if statuses(res)[stepConnect] != Failed || !strings.Contains(res.Verdict, "Nothing answers") {
		t.Errorf("verdict %q", res.Verdict)
	}
}

// scripted is an FTP server whose passive ports lead nowhere (a firewall
// dropping them), and whose active mode works or answers 425.
func scripted(t *testing.T, activeWorks bool) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead, _ := net.Listen("tcp", "127.0.0.1:0")
	deadPort := dead.Addr().(*net.TCPAddr).Port
	dead.Close()
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go serveScripted(c, deadPort, activeWorks)
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

func serveScripted(c net.Conn, deadPort int, activeWorks bool) {
	defer c.Close()
	rd := bufio.NewReader(c)
	say := func(s string) { io.WriteString(c, s+"\r\n") }
	say("220 scripted")
	var dataAddr string
	for {
		line, err := rd.ReadString('\n')
		if err != nil {
			return
		}
		f := strings.Fields(strings.TrimSpace(line))
		if len(f) == 0 {
			continue
		}
		switch strings.ToUpper(f[0]) {
		case "USER":
			say("331 password")
		case "PASS":
			say("230 ok")
		case "FEAT":
			say("211-Features:\r\n SIZE\r\n211 End")
		case "PWD":
			say(`257 "/"`)
		case "EPSV":
			say(fmt.Sprintf("229 Entering Extended Passive Mode (|||%d|)", deadPort))
		case "PASV":
			say(fmt.Sprintf("227 Entering Passive Mode (127,0,0,1,%d,%d)", deadPort>>8, deadPort&255))
		case "EPRT":
			p := strings.Split(f[1], "|")
			port, _ := strconv.Atoi(p[3])
			dataAddr = net.JoinHostPort(p[2], strconv.Itoa(port))
			say("200 ok")
		case "STOR":
			if !activeWorks || dataAddr == "" {
				say("425 Can't open data connection")
				continue
			}
			say("150 opening")
			d, err := net.DialTimeout("tcp", dataAddr, time.Second)
			if err != nil {
				say("425 Can't open data connection")
				continue
			}
			io.Copy(io.Discard, d)
			d.Close()
			say("226 done")
		case "DELE":
			say("250 deleted")
		case "QUIT":
			say("221 bye")
			return
		default:
			say("200 ok")
		}
	}
}

func TestPassiveBlockedActiveWorks(t *testing.T) {
	port := scripted(t, true)
	res := Run(context.Background(), profile.Profile{Name: "x", Host: "127.0.0.1", Port: port, User: "u"}, "p", Options{Timeout: 2 * time.Second})
	st := statuses(res)
	if st[stepPassive] != Failed || st[stepActive] != OK || res.Recommended != "active" {
		t.Fatalf("steps %+v", res.Steps)
	}
	if !strings.Contains(res.Verdict, "Switch the profile to Active") || !strings.Contains(res.Advice, "passive port range") {
		t.Errorf("verdict %q advice %q", res.Verdict, res.Advice)
	}
}

func TestNoDataConnectionInEitherMode(t *testing.T) {
	port := scripted(t, false)
	res := Run(context.Background(), profile.Profile{Name: "x", Host: "127.0.0.1", Port: port, User: "u"}, "p", Options{Timeout: 2 * time.Second})
	if res.PassiveOK || res.ActiveOK || res.Recommended != "" {
		t.Fatalf("result %+v", res)
	}
	if !strings.Contains(res.Verdict, "no data connection can be opened") {
		t.Errorf("verdict %q", res.Verdict)
	}
}

// The server cannot connect back (this PC announces an address where nothing
// listens, as behind a closed router): the verdict keeps passive.
func TestActiveBlockedPassiveWorks(t *testing.T) {
	srv, err := localserver.Start(localserver.Options{Dir: t.TempDir(), User: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	p := profile.Profile{Name: "x", Host: "127.0.0.1", Port: srv.Port(), User: "u", ActiveAddress: "127.0.0.9"}
	res := Run(context.Background(), p, "p", Options{Timeout: 2 * time.Second})
	if !res.PassiveOK || res.ActiveOK || res.Recommended != "passive" {
		t.Fatalf("result %+v", res)
	}
	if !strings.Contains(res.Verdict, "Keep passive mode") || !strings.Contains(res.Advice, "could not connect back") {
		t.Errorf("verdict %q advice %q", res.Verdict, res.Advice)
	}
}

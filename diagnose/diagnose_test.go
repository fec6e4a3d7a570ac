package diagnose

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/localserver"
	"exchange/profile"
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

// blockedPassive is a server whose passive ports lead nowhere (a firewall
// dropping them); its active mode works, or answers 425.
func blockedPassive(t *testing.T, activeWorks bool) int {
	s := &ftptest.Scripted{DeadPassive: true}
	if !activeWorks {
		s.Preliminary = "425 Can't open data connection"
	}
	return ftptest.StartScripted(t, s)
}

func TestPassiveBlockedActiveWorks(t *testing.T) {
	port := blockedPassive(t, true)
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
	port := blockedPassive(t, false)
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

//go:build unix

package diagnose

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/internal/proxytest"
	"exchange/internal/sshtest"
	"exchange/profile"
)

// Through an HTTP CONNECT proxy: the Proxy step, a passive test upload
// through it, active mode not tried, and passive recommended.
func TestDiagnoseThroughAProxy(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	p := proxytest.HTTPConnect(t)
	prof := profile.Profile{Name: "Via proxy", Host: srv.Host, Port: srv.Port, User: srv.User, Proxy: p.URL}
	res := Run(context.Background(), prof, srv.Password, Options{Timeout: ftptest.Scaled(5 * time.Second)})
	st := statuses(res)
	if st[stepProxy] != OK || st[stepPassive] != OK || st[stepActive] != Skipped || res.Recommended != "passive" {
		t.Fatalf("steps %v, verdict %q", st, res.Verdict)
	}
	if !p.WaitLog("CONNECT " + srv.Host) {
		t.Fatalf("tinyproxy relayed nothing:\n%s", p.Log())
	}
}

// A name this computer cannot resolve is left to the proxy; the proxy's
// refusal is then the verdict.
func TestDiagnoseLeavesNamesToTheProxy(t *testing.T) {
	p := proxytest.SOCKS5(t, "", "")
	prof := profile.Profile{Name: "Unknown", Host: "ftp.exchange-test.invalid", User: "u", Proxy: p.URL}
	res := Run(context.Background(), prof, "pw", Options{Timeout: ftptest.Scaled(5 * time.Second)})
	st := statuses(res)
	if st[stepResolve] != OK || st[stepProxy] != OK || st[stepConnect] != Failed || !strings.Contains(res.Verdict, "through the proxy") {
		t.Fatalf("steps %v, verdict %q, advice %q", st, res.Verdict, res.Advice)
	}
}

// An SFTP profile behind a SOCKS5 proxy: the Proxy step, then every step
// (greeting, host key, login, test upload) through it, as microsocks' own
// log shows; a proxy that is not running stops the diagnosis at its step.
func TestDiagnoseSFTPThroughAProxy(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{Chroot: true})
	p := proxytest.SOCKS5(t, "officeproxy", "pr0xy-secret")
	res := sftpDiagnose(t, srv, func(prof *profile.Profile) { prof.RemoteDir, prof.Proxy = "", p.URL }, srv.Password)
	for _, s := range res.Steps {
		if s.Status != OK {
			t.Errorf("step %q: %s %s", s.Name, s.Status, s.Detail)
		}
	}
	if st := statuses(res); st[stepProxy] != OK || !strings.Contains(res.Verdict, "Everything works over SFTP") {
		t.Fatalf("steps %v, verdict %q", st, res.Verdict)
	}
	if want := fmt.Sprintf("connected to %s:%d", srv.Host, srv.Port); !p.WaitLog(want) {
		t.Fatalf("microsocks did not relay the SSH connection (%s):\n%s", want, p.Log())
	}

	p.Stop()
	res = sftpDiagnose(t, srv, func(prof *profile.Profile) { prof.Proxy = p.URL }, srv.Password)
	if st := statuses(res); st[stepProxy] != Failed || st[stepConnect] != Skipped || !strings.Contains(res.Verdict, "proxy") {
		t.Fatalf("a proxy that is not running: steps %v, verdict %q", st, res.Verdict)
	}
}

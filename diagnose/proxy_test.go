//go:build unix

package diagnose

import (
	"context"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/internal/proxytest"
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

//go:build unix

package cli

import (
	"fmt"
	"strings"
	"testing"

	"exchange/internal/ftptest"
	"exchange/internal/proxytest"
	"exchange/validate/al3/al3gen"
)

// exchange upload --proxy and exchange diagnose --proxy through a real
// SOCKS5 proxy with a password: the file arrives, the proxy's log shows the
// connection, and the proxy password appears nowhere in the output.
func TestUploadAndDiagnoseThroughProxyFlag(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	p := proxytest.SOCKS5(t, "office", "Pr0xy-Pass")
	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	path := writeFile(t, t.TempDir(), "VIA.AL3", al3gen.Valid(al3gen.CRLF))
	server := fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port)

	code, out, errOut := run("upload", "--state", t.TempDir(), "--server", server, "--proxy", p.URL, path)
	if code != ExitOK || !p.WaitLog(fmt.Sprintf("connected to 127.0.0.1:%d", srv.Port)) {
		t.Fatalf("upload through %s: exit %d\n%s\n%s\nproxy log:\n%s", p.URL, code, out, errOut, p.Log())
	}
	if strings.Contains(out+errOut, "Pr0xy-Pass") {
		t.Errorf("the proxy password is in the output:\n%s\n%s", out, errOut)
	}

	code, out, errOut = run("diagnose", "--server", server, "--proxy", p.URL)
	if code != ExitOK || !strings.Contains(out, "Proxy") || !strings.Contains(out, "through the proxy socks5://office:xxxxx@") ||
		!strings.Contains(out, "active mode cannot go through a proxy") || strings.Contains(out+errOut, "Pr0xy-Pass") {
		t.Errorf("diagnose through the proxy: exit %d\n%s\n%s", code, out, errOut)
	}

	code, out, errOut = run("upload", "--state", t.TempDir(), "--server", server, "--proxy", "socks5://office:Pr0xy-Pass@127.0.0.1", path)
	if code != ExitUsage || !strings.Contains(errOut, "host and a port") || strings.Contains(errOut, "Pr0xy-Pass") {
		t.Errorf("a proxy without a port: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run("upload", "--state", t.TempDir(), "--server", server, "--active", "--proxy", p.URL, path)
	if code != ExitFailed || !strings.Contains(out, "active mode cannot go through a proxy") {
		t.Errorf("active mode through a proxy: exit %d\n%s\n%s", code, out, errOut)
	}
}

//go:build unix

package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/internal/ftptest"
	"exchange/internal/proxytest"
	"exchange/logfile"
	"exchange/validate/al3/al3gen"
)

// exchange --log-level debug upload writes the decisions and the FTP
// protocol to the log file, never a password (the server's or the proxy's);
// at the default level the protocol stays out.
func TestUploadLogFile(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	p := proxytest.SOCKS5(t, "office", "Pr0xy-Pass")
	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	server := fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port)
	dir := t.TempDir()
	file := writeFile(t, dir, "LOGGED.AL3", al3gen.Valid(al3gen.CRLF))

	debugDir := t.TempDir()
	t.Setenv(logfile.DirVariable, debugDir)
	if code, out, errOut := run("--log-level", "debug", "upload", "--state", t.TempDir(), "--server", server, "--proxy", p.URL, file); code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	raw, err := os.ReadFile(filepath.Join(debugDir, logfile.FileName))
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	for _, want := range []string{"level=INFO msg=upload", "through the proxy socks5://office:xxxxx@", "msg=sent", "PASS ****", "STOR", "level=DEBUG"} {
		if !strings.Contains(log, want) {
			t.Errorf("the debug log lacks %q:\n%s", want, log)
		}
	}
	for _, secret := range []string{srv.Password, "Pr0xy-Pass"} {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds a password %q", secret)
		}
	}

	infoDir := t.TempDir()
	t.Setenv(logfile.DirVariable, infoDir)
	if code, out, errOut := run("upload", "--state", t.TempDir(), "--server", server, file); code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	raw, _ = os.ReadFile(filepath.Join(infoDir, logfile.FileName))
	if !strings.Contains(string(raw), "msg=sent") || strings.Contains(string(raw), "STOR") {
		t.Errorf("the info log:\n%s", raw)
	}

	if code, _, errOut := run("--log-level", "loud", "upload", file); code != ExitUsage || !strings.Contains(errOut, "unknown log level") {
		t.Errorf("a bad level: exit %d %s", code, errOut)
	}
}

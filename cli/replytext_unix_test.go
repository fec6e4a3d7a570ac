//go:build unix

package cli

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"exchange/internal/ftptest"
	"exchange/validate/al3/al3gen"
)

// TestRefusalSaysTheServersReplyOnce: a refused login reads
// "login: server replied 530 Login incorrect.", not the reply twice
// ("...530 Login incorrect.: 530 \"Login incorrect.\""), as seen as a clerk
// with a wrong password against vsftpd.
func TestRefusalSaysTheServersReplyOnce(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{})
	t.Setenv("EXCHANGE_PASSWORD", "not-"+srv.Password)
	path := writeFile(t, t.TempDir(), "A.AL3", al3gen.Valid(al3gen.CRLF))
	code, out, errOut := run("upload", "--state", t.TempDir(), "--server", fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port), path)
	m := regexp.MustCompile(`server replied 530 ([^\n:]+)`).FindStringSubmatch(out)
	if code != ExitFailed || m == nil {
		t.Fatalf("exit %d, no 530 reply in the output:\n%s\n%s", code, out, errOut)
	}
	line := out[strings.Index(out, m[0]):]
	line = line[:strings.IndexByte(line+"\n", '\n')]
	if n := strings.Count(line, strings.TrimSpace(m[1])); n != 1 {
		t.Errorf("the reply %q is said %d times: %s", m[1], n, line)
	}
}

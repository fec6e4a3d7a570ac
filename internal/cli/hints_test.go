package cli

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"

	"exchange/internal/ftptest"
	"exchange/uploader"
	"exchange/uploader/ftpclient"
	"exchange/validate/al3/al3gen"
)

// The hints of the service's real errors, printed for a file it gave up on,
// never promise a retry, and with --server never send the clerk to a profile.
func TestFailedHintsAreTrueAfterGivingUp(t *testing.T) {
	errs := []error{
		&ftpclient.Error{Op: "login", Code: 530, Reply: "Login incorrect.", Class: ftpclient.ClassAuth},
		&ftpclient.Error{Op: "STOR", Code: 421, Reply: "Too many users", Class: ftpclient.ClassRetryable},
		&ftpclient.Error{Op: "STOR", Code: 426, Reply: "Connection closed", Class: ftpclient.ClassRetryable},
		&ftpclient.Error{Op: "AUTH TLS", Code: 534, Reply: "no TLS", Class: ftpclient.ClassTLS},
		&ftpclient.Error{Op: "connect", Class: ftpclient.ClassRetryable, Err: os.ErrDeadlineExceeded},
		&ftpclient.Error{Op: "connect", Class: ftpclient.ClassRetryable, Err: syscall.ECONNREFUSED},
		&ftpclient.Error{Op: "PASV", Code: 425, Reply: "Can't open data connection", Class: ftpclient.ClassRetryable},
	}
	for _, viaServer := range []bool{false, true} {
		var out bytes.Buffer
		p := newUploadPrinter(&out, false)
		p.viaServerFlag = viaServer
		for i, err := range errs {
			p.event(uploader.Event{Kind: uploader.EventFailed, Item: uploader.ItemID(fmt.Sprint(i)), Path: "/x/a.al3",
				Err: err.Error(), Hint: ftpclient.Hint(err)})
		}
		text := out.String()
		for _, never := range []string{"will try again", "Test connection"} {
			if strings.Contains(text, never) {
				t.Errorf("--server %v: a final failure says %q:\n%s", viaServer, never, text)
			}
		}
		if viaServer && (strings.Contains(text, "profile") || !strings.Contains(text, "Check the user name in --server and the password (EXCHANGE_PASSWORD")) {
			t.Errorf("--server: hints point at a profile:\n%s", text)
		}
		if !viaServer && !strings.Contains(text, "Check them in the server profile.") {
			t.Errorf("--profile: the profile hint is gone:\n%s", text)
		}
	}
}

// A wrong password with --server, against a real server: the last word
// points at --server and EXCHANGE_PASSWORD, not at a profile.
func TestWrongPasswordWithServerFlagHint(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	t.Setenv("EXCHANGE_PASSWORD", "not-"+srv.Password)
	path := writeFile(t, t.TempDir(), "A.AL3", al3gen.Valid(al3gen.CRLF))
	code, out, errOut := run("upload", "--state", t.TempDir(), "--server", fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port), path)
	if code != ExitFailed || !strings.Contains(out, "FAILED") || !strings.Contains(out, "--server") || strings.Contains(out, "profile") ||
		strings.Contains(out, "will try again") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}

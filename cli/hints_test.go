package cli

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"

	"exchange/transport"
	"exchange/uploader"
)

// The hints of the service's real errors, printed for a file it gave up on,
// never promise a retry, and with --server never send the clerk to a profile.
func TestFailedHintsAreTrueAfterGivingUp(t *testing.T) {
	errs := []error{
		&transport.Error{Op: "login", Code: 530, Reply: "Login incorrect.", Kind: transport.ClassAuth},
		&transport.Error{Op: "STOR", Code: 421, Reply: "Too many users", Kind: transport.ClassRetryable},
		&transport.Error{Op: "STOR", Code: 426, Reply: "Connection closed", Kind: transport.ClassRetryable},
		&transport.Error{Op: "AUTH TLS", Code: 534, Reply: "no TLS", Kind: transport.ClassTLS},
		&transport.Error{Op: "connect", Kind: transport.ClassRetryable, Err: os.ErrDeadlineExceeded},
		&transport.Error{Op: "connect", Kind: transport.ClassRetryable, Err: syscall.ECONNREFUSED},
		&transport.Error{Op: "PASV", Code: 425, Reply: "Can't open data connection", Kind: transport.ClassRetryable},
	}
	for _, viaServer := range []bool{false, true} {
		var out bytes.Buffer
		p := newUploadPrinter(&out, false)
		p.viaServerFlag = viaServer
		for i, err := range errs {
			p.event(uploader.Event{Kind: uploader.EventFailed, Item: uploader.ItemID(fmt.Sprint(i)), Path: "/x/a.al3",
				Err: err.Error(), Hint: transport.HintOf(err)})
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

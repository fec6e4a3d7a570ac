package ftpclient_test

import (
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/transport"
	"exchange/transport/ftpclient"
)

// TestFullServerIsBusyNotAWrongPassword: proftpd turns away a login over
// MaxClientsPerUser with 530, the code of a wrong password. In both modes
// the session's error says the server is busy (retryable, transport.Busy,
// a hint about connections), so that nobody is sent to retype a password
// that is right.
func TestFullServerIsBusyNotAWrongPassword(t *testing.T) {
	for _, mode := range []transport.Mode{transport.Passive, transport.Active} {
		srv := ftptest.Scripted{OnCommand: func(verb string, c net.Conn) bool {
			if verb != "PASS" {
				return false
			}
			_, _ = io.WriteString(c, "530 Sorry, the maximum number of clients (2) for this user are already connected.\r\n")
			return true
		}}
		port := ftptest.StartScripted(t, &srv)
		_, err := ftpclient.Dial(context.Background(), transport.Config{Host: "127.0.0.1", Port: port, User: "u", Password: "p",
			Mode: mode, Timeout: ftptest.Scaled(5 * time.Second)})
		if !transport.Busy(err) || transport.ClassOf(err) != transport.ClassRetryable || !strings.Contains(transport.HintOf(err), "too many connections") {
			t.Errorf("%v: %v (class %v, busy %v), hint %q", mode, err, transport.ClassOf(err), transport.Busy(err), transport.HintOf(err))
		}
	}
}

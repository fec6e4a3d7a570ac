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

// TestHintsMatchTheError: the sentence a clerk reads says what the server
// (or this computer) actually objected to.
func TestHintsMatchTheError(t *testing.T) {
	for _, c := range []struct {
		name      string
		err       error
		want, not string
	}{
		{"553 permission denied", &transport.Error{Op: "STOR /x.al3", Code: 553, Reply: "Permission denied."}, "no permission", "file name"},
		{"553 could not create (vsftpd)", &transport.Error{Op: "STOR /x.al3", Code: 553, Reply: "Could not create file."}, "no permission in this folder, the folder does not exist, or it does not accept the name", ""},
		{"553 bad name", &transport.Error{Op: "STOR /x.al3", Code: 553, Reply: "File name not allowed"}, "does not accept this file name", "permission"},
		{"550 to AUTH TLS", &transport.Error{Op: "AUTH TLS", Code: 550, Reply: "TLS not available"}, "refused to encrypt", "folder does not exist"},
		{"550 permission denied", &transport.Error{Op: "STOR /x.al3", Code: 550, Reply: "/x.al3: Permission denied"}, "no permission", ""},
		{"local name check", transport.CheckPath("a\r\nDELE b"), "before sending anything", "server refused"},
		{"local empty path", transport.CheckPath(""), "before sending anything", "server refused"},
	} {
		h := transport.HintOf(c.err)
		if !strings.Contains(h, c.want) || (c.not != "" && strings.Contains(h, c.not)) {
			t.Errorf("%s: hint %q, want it to contain %q and not %q", c.name, h, c.want, c.not)
		}
	}
}

// TestAuthTLSRefusedSaysEncryptionWasRefused: a server that answers AUTH
// TLS with 550 (or any refusal) refused encryption: a TLS-class error whose
// hint says so, in both modes.
func TestAuthTLSRefusedSaysEncryptionWasRefused(t *testing.T) {
	for _, reply := range []string{"550 TLS not configured", "502 not implemented"} {
		for _, mode := range []transport.Mode{transport.Passive, transport.Active} {
			srv := ftptest.Scripted{OnCommand: func(verb string, c net.Conn) bool {
				if verb != "AUTH" {
					return false
				}
				_, _ = io.WriteString(c, reply+"\r\n")
				return true
			}}
			port := ftptest.StartScripted(t, &srv)
			_, err := ftpclient.Dial(context.Background(), transport.Config{Host: "127.0.0.1", Port: port, User: "u", Password: "p",
				Mode: mode, TLS: transport.TLSExplicit, Timeout: ftptest.Scaled(5 * time.Second)})
			h := transport.HintOf(err)
			if transport.ClassOf(err) != transport.ClassTLS || !strings.Contains(h, "refused to encrypt") {
				t.Errorf("%s/%v: %v (class %v), hint %q", reply, mode, err, transport.ClassOf(err), h)
			}
		}
	}
}

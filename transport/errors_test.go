package transport_test

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"

	"exchange/transport"
)

// TestErrorsCarryClassAndHint: one errors.As finds what to do and what to
// say, however deep the error is wrapped.
func TestErrorsCarryClassAndHint(t *testing.T) {
	for _, c := range []struct {
		err   error
		class transport.Class
		hint  string
	}{
		{transport.ReplyError("login", 530, "Login incorrect"), transport.ClassAuth, "refused the user name or password"},
		{transport.ReplyError("STOR a", 552, "Quota"), transport.ClassPermanent, "no room left"},
		{transport.ReplyError("STOR a", 550, "Permission denied"), transport.ClassPermanent, "no permission"},
		{transport.ReplyError("STOR a", 421, "Too many users"), transport.ClassRetryable, "too many connections"},
		{transport.ReplyError("AUTH TLS", 550, "no"), transport.ClassTLS, "refused to encrypt"},
		{transport.ReplyError("PROT P", 534, "no"), transport.ClassTLS, "encrypted connection"},
		{transport.RefusedHere("check name", errors.New("bad")), transport.ClassPermanent, "refused this itself"},
		{transport.Wrap("connect", syscall.ECONNREFUSED), transport.ClassRetryable, "network or the server"},
		{transport.Wrap("NOOP", fmt.Errorf("read: %w", os.ErrDeadlineExceeded)), transport.ClassRetryable, "stopped answering"},
		{transport.Wrap("login", &transport.UntrustedCertificateError{}), transport.ClassTLS, "certificate is not trusted"},
		{&transport.Error{Op: "x", Kind: transport.ClassPermanent, Advice: "Do this."}, transport.ClassPermanent, "Do this."},
		// vsftpd's session died mid-STOR: the broken pipe, then its plain-text "500 OOPS" read as a TLS record.
		{transport.Wrap("STOR a", errors.Join(&net.OpError{Op: "write", Net: "tcp", Err: os.NewSyscallError("write", syscall.EPIPE)},
			tls.RecordHeaderError{Msg: "received record with version 3030 when expecting version 303"})),
			transport.ClassRetryable, "network or the server"},
		// The same record error alone is a port that does not speak TLS.
		{transport.Wrap("AUTH TLS", tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}), transport.ClassTLS, "secure (TLS)"},
	} {
		wrapped := fmt.Errorf("upload a.al3: %w", c.err)
		var classified transport.Classified
		if !errors.As(wrapped, &classified) {
			t.Errorf("%v: not Classified", c.err)
			continue
		}
		if classified.Class() != c.class || transport.ClassOf(wrapped) != c.class {
			t.Errorf("%v: class %v, want %v", c.err, classified.Class(), c.class)
		}
		if h := classified.Hint(); !strings.Contains(h, c.hint) || transport.HintOf(wrapped) != h {
			t.Errorf("%v: hint %q, want it to say %q", c.err, h, c.hint)
		}
	}
	if transport.ClassOf(errors.New("something")) != transport.ClassPermanent {
		t.Error("an unknown error is not permanent")
	}
	if !transport.ClassAuth.NeedsUser() || !transport.ClassTLS.NeedsUser() || transport.ClassRetryable.NeedsUser() {
		t.Error("NeedsUser is wrong")
	}
}

// TestReplyPredicates: the reply-code questions the service and diagnose ask.
func TestReplyPredicates(t *testing.T) {
	reply := func(op string, code int) error { return fmt.Errorf("w: %w", transport.ReplyError(op, code, "text")) }
	network := transport.Wrap("SIZE a", syscall.ECONNRESET)
	for _, c := range []struct {
		name string
		got  bool
		want bool
	}{
		{"550 is not found", transport.NotFound(reply("SIZE a", 550)), true},
		{"450 is not found", transport.NotFound(reply("SIZE a", 450)), true},
		{"553 is not found", transport.NotFound(reply("SIZE a", 553)), true},
		{"a reset is not 'not found'", transport.NotFound(network), false},
		{"REST refused", transport.ResumeRefused(reply("REST 10", 350)), true},
		{"502 on STOR at an offset", transport.ResumeRefused(reply("STOR a", 502)), true},
		{"552 is not a refused resume", transport.ResumeRefused(reply("STOR a", 552)), false},
		{"553 refuses writing", transport.WriteRefused(reply("STOR a", 553)), true},
		{"532 refuses writing", transport.WriteRefused(reply("STOR a", 532)), true},
		{"425 does not refuse writing", transport.WriteRefused(reply("STOR a", 425)), false},
		{"a reply is a reply", transport.IsReply(reply("HASH a", 500)), true},
		{"a reset is not a reply", transport.IsReply(network), false},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %v", c.name, c.got)
		}
	}
}

// TestSizeIfExists: a missing file is no error; a failed connection is.
func TestSizeIfExists(t *testing.T) {
	s := &recorder{failWith: transport.ReplyError("SIZE a", 550, "No such file")}
	if n, ok, err := transport.SizeIfExists(s, "a"); n != 0 || ok || err != nil {
		t.Errorf("missing file: %d %v %v", n, ok, err)
	}
	s.failWith = transport.Wrap("SIZE a", syscall.ECONNRESET)
	if _, _, err := transport.SizeIfExists(s, "a"); err == nil {
		t.Error("a failed connection is reported as a missing file")
	}
	s.failWith = nil
	if _, ok, err := transport.SizeIfExists(s, "a"); !ok || err != nil {
		t.Errorf("present file: %v %v", ok, err)
	}
}

// TestNamesStayInTheTargetFolder: names that would leave the folder are refused.
func TestNamesStayInTheTargetFolder(t *testing.T) {
	for _, bad := range []string{"", ".", "..", "a/b", `a\b`, "a\rb"} {
		if _, err := transport.JoinRemote("/in", bad); err == nil {
			t.Errorf("JoinRemote(%q) accepted", bad)
		}
	}
	if p, err := transport.JoinRemote("/in", "a.al3"); err != nil || p != "/in/a.al3" {
		t.Errorf("JoinRemote = %q, %v", p, err)
	}
	if got := transport.ResolveRemote("/home/clerk", "in/a"); got != "/home/clerk/in/a" {
		t.Errorf("ResolveRemote = %q", got)
	}
}

// TestTooManyConnectionsIsBusyNotALoginFailure: a server that is full says
// so in different codes; each is a busy server (retryable, Busy, a hint
// about connections), never "the password is wrong".
func TestTooManyConnectionsIsBusyNotALoginFailure(t *testing.T) {
	for _, c := range []struct {
		op, reply string
		code      int
	}{
		{"connect", "There are too many connected users, please try later.", 421}, // vsftpd max_clients
		{"connect", "There are too many connections from your internet address.", 421},
		{"login", "Too many users (2) are already logged in, sorry", 421},                               // pure-ftpd
		{"login", "Sorry, the maximum number of clients (2) for this user are already connected.", 530}, // proftpd MaxClientsPerUser
		{"STOR a", "Service not available, closing control connection", 421},
	} {
		err := fmt.Errorf("upload: %w", transport.ReplyError(c.op, c.code, c.reply))
		if !transport.Busy(err) || transport.ClassOf(err) != transport.ClassRetryable || !strings.Contains(transport.HintOf(err), "too many connections") {
			t.Errorf("%d %s: busy %v, class %v, hint %q", c.code, c.reply, transport.Busy(err), transport.ClassOf(err), transport.HintOf(err))
		}
	}
	for _, notBusy := range []error{
		transport.ReplyError("login", 530, "Login incorrect."),
		transport.ReplyError("STOR a", 550, "Permission denied"),
		transport.Wrap("connect", syscall.ECONNRESET),
	} {
		if transport.Busy(notBusy) {
			t.Errorf("%v is taken for a busy server", notBusy)
		}
	}
	if transport.ClassOf(transport.ReplyError("login", 530, "Login incorrect.")) != transport.ClassAuth {
		t.Error("a wrong password is no longer an auth error")
	}
}

package transport

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"

	"exchange/internal/sockerr"
)

// Class says what a caller should do about an error.
type Class int

const (
	// ClassRetryable: the network or the server had a passing problem; try again later.
	ClassRetryable Class = iota
	// ClassPermanent: trying again will fail the same way (permission, no space, bad name).
	ClassPermanent
	// ClassAuth: the server refused the user name or password; the clerk must fix them.
	ClassAuth
	// ClassTLS: the secure connection could not be set up or the certificate
	// is not trusted; the clerk must decide or fix the setting.
	ClassTLS
)

func (c Class) String() string {
	switch c {
	case ClassPermanent:
		return "permanent"
	case ClassAuth:
		return "auth"
	case ClassTLS:
		return "tls"
	}
	return "retryable"
}

// NeedsUser says whether only a person can mend it (a password, a certificate).
func (c Class) NeedsUser() bool { return c == ClassAuth || c == ClassTLS }

// ErrNotSupported is returned by optional operations (Hash) the server does not offer.
var ErrNotSupported = errors.New("not supported by this server")

// Classified is an error that knows what the caller should do about it and
// what to tell the clerk: every *Error, and the errors of the layers above
// that choose to say so. One errors.As finds it in any chain.
type Classified interface {
	error
	Class() Class
	// Hint is one plain sentence telling a clerk what happened and what to do.
	Hint() string
}

// Error is every failure a Session returns.
type Error struct {
	Op    string // what was being done: "connect", "login", "STOR /in/a.al3"...
	Code  int    // the server's reply code (FTP numbering, RFC 959), 0 when the failure was not a reply
	Reply string // the server's reply text, when there was one
	Kind  Class  // what to do about it; Class() returns it
	Err   error  // the underlying error
	// Local: the failure is a check made on this computer before anything
	// was sent (a name with CR/LF, an empty path...): the server said nothing.
	Local bool
	// Advice, when set by the protocol that made the error, is the hint;
	// "" leaves Hint to the reply code and the class.
	Advice string
	// Status, set by a protocol other than FTP, is the server's answer in
	// that protocol's own words ("SFTP status SSH_FX_NO_SUCH_FILE"): the
	// error's text shows it instead of Code, which stays in FTP's numbering
	// for the predicates (NotFound, WriteRefused...).
	Status string
}

func (e *Error) Error() string {
	switch {
	case e.Status != "" && e.Err != nil:
		return fmt.Sprintf("%s: server answered %s: %v", e.Op, e.Status, e.Err)
	case e.Status != "":
		return fmt.Sprintf("%s: server answered %s", e.Op, e.Status)
	case e.Code != 0 && e.Err != nil && (e.Reply == "" || !strings.Contains(e.Err.Error(), e.Reply)):
		return fmt.Sprintf("%s: server replied %d %s: %v", e.Op, e.Code, e.Reply, e.Err)
	case e.Code != 0:
		return fmt.Sprintf("%s: server replied %d %s", e.Op, e.Code, e.Reply)
	}
	return fmt.Sprintf("%s: %v", e.Op, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Class is what the caller should do about it.
func (e *Error) Class() Class { return e.Kind }

// Hint is one plain sentence telling a clerk what the error means and what to do.
func (e *Error) Hint() string {
	var h hinter
	switch {
	case e.Err != nil && errors.As(e.Err, &h):
		return h.Hint() // the wire knows best what it found wrong
	case e.Advice != "":
		return e.Advice
	case e.Local:
		return "Exchange refused this itself before sending anything to the server (see the error): fix the name or setting."
	}
	if hint := replyHint(e.Op, e.Code, e.Reply); hint != "" {
		return hint
	}
	return classHint(e.Kind, e)
}

// hinter is an error below an *Error that has its own sentence for the
// clerk (a reply too long, a port that speaks TLS, an untrusted certificate).
type hinter interface{ Hint() string }

// classer is an error below an *Error that knows its own class.
type classer interface{ Class() Class }

// ClassOf classifies any error: a Classified error keeps its class; network
// errors are retryable; certificate and handshake errors are TLS; anything
// else permanent.
func ClassOf(err error) Class {
	var c classer
	if errors.As(err, &c) {
		return c.Class()
	}
	return classOfGoError(err)
}

// HintOf is the clerk's sentence for any error (see Error.Hint).
func HintOf(err error) string {
	var c Classified
	if errors.As(err, &c) {
		return c.Hint()
	}
	var h hinter
	if errors.As(err, &h) {
		return h.Hint()
	}
	return classHint(ClassOf(err), err)
}

func classHint(c Class, err error) string {
	switch c {
	case ClassAuth:
		return "The server refused the user name or password. Check them in the server profile."
	case ClassTLS:
		return "The secure (TLS) connection failed. Check the TLS setting of the profile, or run Test connection."
	case ClassRetryable:
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return "The server stopped answering. If it keeps happening, run Test connection."
		}
		return "The network or the server had a problem."
	}
	return "The server refused the request."
}

func classOfGoError(err error) Class {
	if err == nil {
		return ClassPermanent
	}
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	var alert tls.AlertError
	switch {
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &invalid):
		return ClassTLS
	case connectionBroke(err):
		// A TLS record error or alert beside a broken connection is its
		// echo (vsftpd's session parent writes "500 OOPS" in plain text on
		// the encrypted connection when the session dies): the server went
		// away, which may pass; the TLS settings are not the cause.
		return ClassRetryable
	case errors.As(err, &recordErr), errors.As(err, &alert):
		return ClassTLS
	}
	var netErr net.Error
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, os.ErrDeadlineExceeded),
		sockerr.Refused(err), sockerr.Unreachable(err),
		errors.Is(err, net.ErrClosed), errors.As(err, &netErr):
		return ClassRetryable
	}
	return ClassPermanent
}

// connectionBroke reports whether err holds the sign of an established
// connection that the other end broke: reset, aborted or a broken pipe.
func connectionBroke(err error) bool {
	return sockerr.Reset(err) || sockerr.Aborted(err) || errors.Is(err, syscall.EPIPE)
}

// RefusedHere is a refusal by a check on this computer: nothing was sent.
func RefusedHere(op string, err error) *Error {
	return &Error{Op: op, Kind: ClassPermanent, Err: err, Local: true}
}

// Wrap wraps a Go error (network, TLS) with the operation and its class;
// an *Error is returned as it is.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var fe *Error
	if errors.As(err, &fe) {
		return err
	}
	return &Error{Op: op, Kind: ClassOf(err), Err: err}
}

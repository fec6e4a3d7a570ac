package ftpclient

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
)

// Class says what a caller should do about an error.
type Class int

const (
	// ClassRetryable: the network or the server had a passing problem; try again later.
	ClassRetryable Class = iota
	// ClassPermanent: trying again will fail the same way (permission, no space, bad name).
	ClassPermanent
	// ClassAuth: the server refused the user name or password.
	ClassAuth
	// ClassTLS: the secure connection could not be set up or the certificate is not trusted.
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

// ErrNotSupported is returned by optional operations (Hash) the server does not offer.
var ErrNotSupported = errors.New("not supported by this server")

// Error is every failure a Session returns.
type Error struct {
	Op    string // what was being done: "connect", "login", "STOR /in/a.al3"...
	Code  int    // FTP reply code, 0 when the failure was not a reply
	Reply string // the server's reply text, when there was one
	Class Class
	Err   error // the underlying error
}

func (e *Error) Error() string {
	switch {
	case e.Code != 0 && e.Err != nil:
		return fmt.Sprintf("%s: server replied %d %s: %v", e.Op, e.Code, e.Reply, e.Err)
	case e.Code != 0:
		return fmt.Sprintf("%s: server replied %d %s", e.Op, e.Code, e.Reply)
	}
	return fmt.Sprintf("%s: %v", e.Op, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ClassOf classifies any error: an *Error keeps its class; network errors are
// retryable; certificate and handshake errors are TLS; anything else permanent.
func ClassOf(err error) Class {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Class
	}
	return classifyGoError(err)
}

// classifyReply maps an FTP reply code to a class (RFC 959 and common practice).
func classifyReply(code int) Class {
	switch code {
	case 421, 425, 426, 450, 451:
		return ClassRetryable
	case 530, 331, 332, 532:
		return ClassAuth
	case 522, 534, 536:
		return ClassTLS
	}
	if code >= 400 && code < 500 {
		return ClassRetryable
	}
	return ClassPermanent
}

func classifyGoError(err error) Class {
	if err == nil {
		return ClassPermanent
	}
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var untrusted *UntrustedCertificateError
	var recordErr tls.RecordHeaderError
	var alert tls.AlertError
	switch {
	case errors.As(err, &untrusted), errors.As(err, &certErr), errors.As(err, &unknownAuth),
		errors.As(err, &hostErr), errors.As(err, &invalid), errors.As(err, &recordErr), errors.As(err, &alert):
		return ClassTLS
	}
	var netErr net.Error
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, os.ErrDeadlineExceeded),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH),
		errors.Is(err, net.ErrClosed), errors.As(err, &netErr):
		return ClassRetryable
	}
	return ClassPermanent
}

// replyError builds the Error for an unexpected reply.
func replyError(op string, code int, msg string) *Error {
	return &Error{Op: op, Code: code, Reply: msg, Class: classifyReply(code)}
}

// wrapError wraps a Go error (network, TLS) with the operation and its class.
func wrapError(op string, err error) error {
	if err == nil {
		return nil
	}
	var fe *Error
	if errors.As(err, &fe) {
		return err
	}
	return &Error{Op: op, Class: classifyGoError(err), Err: err}
}

// Hint is one plain sentence telling a clerk what an error means and what to do.
func Hint(err error) string {
	var fe *Error
	if errors.As(err, &fe) && fe.Code != 0 {
		switch fe.Code {
		case 530:
			return "The server refused the user name or password. Check them in the server profile."
		case 550:
			return "The server refused the file or folder (no permission, or the folder does not exist). Ask the server administrator for write access to the target folder."
		case 553:
			return "The server does not accept this file name."
		case 452, 552:
			return "The server has no room left for this file. Ask the server administrator to free space."
		case 421:
			return "The server closed the connection (busy or too many connections). Exchange will try again; lower the number of connections if it keeps happening."
		case 425:
			return "The data connection could not be opened. Try the other mode (Passive/Active) or run Test connection."
		case 426:
			return "The transfer was cut off. Exchange will try again."
		case 534, 522:
			return "The server requires or refuses an encrypted connection. Check the TLS setting of the profile."
		}
	}
	var untrusted *UntrustedCertificateError
	if errors.As(err, &untrusted) {
		return "The server's certificate is not trusted. Compare its fingerprint with the one your administrator gave you before trusting it."
	}
	switch ClassOf(err) {
	case ClassAuth:
		return "The server refused the user name or password. Check them in the server profile."
	case ClassTLS:
		return "The secure (TLS) connection failed. Check the TLS setting of the profile, or run Test connection."
	case ClassRetryable:
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return "The server stopped answering. Exchange will try again; if it keeps happening, run Test connection."
		}
		return "The network or the server had a problem. Exchange will try again."
	}
	return "The server refused the request."
}

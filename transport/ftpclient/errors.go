package ftpclient

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
	// Local: the failure is a check made on this computer before anything
	// was sent (a name with CR/LF, an empty path...): the server said nothing.
	Local bool
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
	var tlsPort *TLSPortError
	var noGreeting *NoGreetingError
	if errors.As(err, &noGreeting) {
		// A port that stays silent for the whole greeting budget is not an
		// FTP server at work (an HTTP port, a firewall that accepts and
		// drops): retrying would only multiply the wait (issue 15, item 11).
		return ClassPermanent
	}
	switch {
	case errors.As(err, &tlsPort), errors.As(err, &untrusted), errors.As(err, &certErr), errors.As(err, &unknownAuth),
		errors.As(err, &hostErr), errors.As(err, &invalid), errors.As(err, &recordErr), errors.As(err, &alert):
		return ClassTLS
	}
	var netErr net.Error
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, os.ErrDeadlineExceeded),
		sockerr.Reset(err), sockerr.Refused(err), errors.Is(err, syscall.EPIPE),
		sockerr.Aborted(err), sockerr.Unreachable(err),
		errors.Is(err, net.ErrClosed), errors.As(err, &netErr):
		return ClassRetryable
	}
	return ClassPermanent
}

// replyError builds the Error for an unexpected reply. A refused AUTH TLS
// is a TLS problem whatever its code (vsftpd without FTPS answers 530 or
// 550, others 500, 502 or 534).
func replyError(op string, code int, msg string) *Error {
	class := classifyReply(code)
	if isAuthTLS(op) && code >= 400 {
		class = ClassTLS
	}
	return &Error{Op: op, Code: code, Reply: msg, Class: class}
}

func isAuthTLS(op string) bool {
	return strings.HasPrefix(strings.ToUpper(op), "AUTH ")
}

// localError is a refusal by a check on this computer: nothing was sent.
func localError(op string, err error) *Error {
	return &Error{Op: op, Class: ClassPermanent, Err: err, Local: true}
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
	if h := wireHint(err); h != "" {
		return h
	}
	var fe *Error
	if errors.As(err, &fe) && fe.Local {
		return "Exchange refused this itself before sending anything to the server (see the error): fix the name or setting."
	}
	if errors.As(err, &fe) && fe.Code != 0 {
		if isAuthTLS(fe.Op) && fe.Code >= 400 {
			return "The server refused to encrypt the connection (AUTH TLS): it may not offer FTPS on this port. Ask its administrator, or check the TLS setting of the profile."
		}
		switch fe.Code {
		case 530:
			return "The server refused the user name or password. Check them in the server profile."
		case 550:
			if mentionsPermission(fe.Reply) {
				return "The server refused: no permission for this file or folder. Ask the server administrator for write access to the target folder."
			}
			return "The server refused the file or folder (no permission, or the folder does not exist). Ask the server administrator for write access to the target folder."
		case 553:
			switch {
			case mentionsPermission(fe.Reply):
				return "The server refused to create the file here: no permission in this folder. Ask the server administrator for write access to the target folder."
			case mentionsName(fe.Reply):
				return "The server does not accept this file name."
			}
			return "The server could not create the file here: no permission in this folder, the folder does not exist, or it does not accept the name. Check the target folder, and ask the server administrator for write access."
		case 452, 552:
			return "The server has no room left for this file. Ask the server administrator to free space."
		case 421:
			return "The server closed the connection (busy or too many connections). Lower the number of connections if it keeps happening."
		case 425:
			return "The data connection could not be opened. Try the other mode (Passive/Active) or run Test connection."
		case 426:
			return "The transfer was cut off."
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
			return "The server stopped answering. If it keeps happening, run Test connection."
		}
		return "The network or the server had a problem."
	}
	return "The server refused the request."
}

// wireHint explains what the wire itself found wrong with the server.
func wireHint(err error) string {
	var tooLong *ReplyTooLongError
	var tlsPort *TLSPortError
	var plainPort *PlainPortError
	var noGreeting *NoGreetingError
	var cutOff *CutOffError
	switch {
	case errors.As(err, &cutOff) && cutOff.BeforeGreeting:
		return "The server hung up before greeting: it may refuse connections from this computer, or have too many at the moment. If it keeps happening, ask the server administrator."
	case errors.As(err, &cutOff):
		return "The server hung up in the middle of its reply. If it keeps happening, run Test connection."
	case errors.As(err, &tooLong):
		return "The server sent a reply far longer than any FTP server does, so Exchange hung up: check the address and port of the profile; what answers there is not behaving like an FTP server."
	case errors.As(err, &tlsPort):
		return "This port speaks TLS from the first byte (implicit FTPS): use ftps:// (TLS \"implicit\") in the profile."
	case errors.As(err, &plainPort):
		return "This port speaks plain FTP, not implicit FTPS: use ftpes:// (TLS \"explicit\") or ftp:// in the profile, or the server's FTPS port."
	case errors.As(err, &noGreeting):
		return "The server accepted the connection but did not greet: it may be overloaded, or the port is not an FTP server's. Check the port; if it keeps happening, run Test connection."
	}
	return ""
}

// mentionsPermission: the reply text speaks of rights, not of the name.
func mentionsPermission(reply string) bool {
	r := strings.ToLower(reply)
	for _, w := range []string{"permission", "denied", "access", "not authorized", "not authorised", "read-only", "read only"} {
		if strings.Contains(r, w) {
			return true
		}
	}
	return false
}

// mentionsName: the reply text blames the file name.
func mentionsName(reply string) bool {
	r := strings.ToLower(reply)
	for _, w := range []string{"name", "invalid", "illegal character", "bad character"} {
		if strings.Contains(r, w) {
			return true
		}
	}
	return false
}

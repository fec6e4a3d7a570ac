package transport

import (
	"errors"
	"strings"
)

// The reply codes of Error.Code are FTP's (RFC 959 and common practice); a
// protocol without such codes maps its statuses onto the nearest one or
// leaves Code 0 and sets Advice.

// ReplyError is the Error for a reply the caller did not expect. A refused
// AUTH TLS is a TLS problem whatever its code; a server that says it has too
// many connections is busy (retryable), whatever its code.
func ReplyError(op string, code int, reply string) *Error {
	e := &Error{Op: op, Code: code, Reply: reply, Kind: ClassOfReply(code)}
	switch {
	case RefusedEncryption(op, code):
		e.Kind = ClassTLS
	case busyReply(code, reply):
		// proftpd refuses a login over MaxClientsPerUser with 530: the
		// password is right, the server is full; try again later.
		e.Kind = ClassRetryable
	}
	return e
}

// ClassOfReply maps a reply code to a class.
func ClassOfReply(code int) Class {
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

// replyHint explains a reply code to op, "" when it has nothing particular to say.
func replyHint(op string, code int, reply string) string {
	if busyReply(code, reply) {
		return "The server has too many connections at the moment (busy, or a limit per user or per computer). Lower the number of connections if it keeps happening."
	}
	if RefusedEncryption(op, code) {
		return "The server refused to encrypt the connection (AUTH TLS): it may not offer FTPS on this port. Ask its administrator, or check the TLS setting of the profile."
	}
	switch code {
	case 530:
		return "The server refused the user name or password. Check them in the server profile."
	case 550:
		if mentionsPermission(reply) {
			return "The server refused: no permission for this file or folder. Ask the server administrator for write access to the target folder."
		}
		return "The server refused the file or folder (no permission, or the folder does not exist). Ask the server administrator for write access to the target folder."
	case 553:
		switch {
		case mentionsPermission(reply):
			return "The server refused to create the file here: no permission in this folder. Ask the server administrator for write access to the target folder."
		case mentionsName(reply):
			return "The server does not accept this file name."
		}
		return "The server could not create the file here: no permission in this folder, the folder does not exist, or it does not accept the name. Check the target folder, and ask the server administrator for write access."
	case 452, 552:
		return "The server has no room left for this file. Ask the server administrator to free space."
	case 425:
		return "The data connection could not be opened. Try the other mode (Passive/Active) or run Test connection."
	case 426:
		return "The transfer was cut off."
	case 534, 522:
		return "The server requires or refuses an encrypted connection. Check the TLS setting of the profile."
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

// Busy says whether the server turned the connection away because it has
// too many: a 421 ("service not available, closing control connection"),
// or a refusal whose text says so (vsftpd "421 There are too many connected
// users", pure-ftpd "421 Too many users", proftpd "530 Sorry, the maximum
// number of clients (2) for this user are already connected"). Trying
// again at once, or on another connection, only adds to it: the caller
// should slow down for the whole server, not just this file.
func Busy(err error) bool {
	var e *Error
	return errors.As(err, &e) && busyReply(e.Code, e.Reply)
}

func busyReply(code int, reply string) bool {
	if code == 421 {
		return true
	}
	if code < 400 {
		return false
	}
	r := strings.ToLower(reply)
	for _, w := range []string{"too many", "maximum number of clients", "max clients", "maximum number of connections"} {
		if strings.Contains(r, w) {
			return true
		}
	}
	return false
}

// RefusedEncryption says whether a reply refused to encrypt the connection:
// any refusal of AUTH TLS (vsftpd without FTPS answers 530 or 550, others
// 500, 502 or 534).
func RefusedEncryption(op string, code int) bool {
	return strings.HasPrefix(strings.ToUpper(op), "AUTH ") && code >= 400
}

// replyCode is the reply code under err, 0 when the server did not answer
// with one (the connection failed, or a check here refused).
func replyCode(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// IsReply says whether err is the server's answer (a reply code), as
// opposed to a failed connection or a check on this computer.
func IsReply(err error) bool { return replyCode(err) != 0 }

// NotFound says whether the server answered that the file is not there
// (550, 450, or 553 as some servers answer SIZE of a missing file).
func NotFound(err error) bool {
	switch replyCode(err) {
	case 550, 450, 553:
		return true
	}
	return false
}

// ResumeRefused tells a refused resume (REST offset, or a store at an
// offset the server does not understand) from other failures.
func ResumeRefused(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	if strings.HasPrefix(strings.ToUpper(e.Op), "REST") {
		return true
	}
	switch e.Code {
	case 500, 501, 502, 504, 554:
		return true
	}
	return false
}

// WriteRefused says whether the server refused to create a file (no
// permission, no such folder, an account needed for storing).
func WriteRefused(err error) bool {
	switch replyCode(err) {
	case 550, 553, 532:
		return true
	}
	return false
}

// SizeIfExists returns the size of a remote file, and false when the server
// says it is not there.
func SizeIfExists(s Session, path string) (int64, bool, error) {
	size, err := s.Size(path)
	if err == nil {
		return size, true, nil
	}
	if NotFound(err) {
		return 0, false, nil
	}
	return 0, false, err
}

package sftpclient

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/pkg/sftp"

	"exchange/transport"
)

// statusError explains an SFTP status the server answered.
type statusError struct {
	op  string
	err error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

// Hint is the sentence for the clerk.
func (e *statusError) Hint() string {
	switch {
	case errors.Is(e.err, fs.ErrPermission):
		return "The server refused: no permission for this file or folder. Ask the server administrator for write access to the target folder."
	case errors.Is(e.err, fs.ErrNotExist):
		return "The file or folder does not exist on the server. Check the target folder of the profile."
	case errors.Is(e.err, errNoSpace):
		return "The server has no room left for this file. Ask the server administrator to free space."
	}
	var st *sftp.StatusError
	if errors.As(e.err, &st) && st.FxCode() == sftp.ErrSSHFxOpUnsupported {
		return "The SFTP server does not support this operation."
	}
	return "The SFTP server could not do this (it answered \"failure\"): the disk may be full, or the name may be in use. Ask the server administrator if it keeps happening."
}

// authError: the server accepted none of the ways to log in offered.
type authError struct{ err error }

func (e *authError) Error() string { return e.err.Error() }
func (e *authError) Unwrap() error { return e.err }

// Hint is the sentence for the clerk.
func (e *authError) Hint() string {
	return "The SFTP server refused the login: check the user name and the password, or the private key (is it the one the server knows for this user?)."
}

// lostError: the connection broke.
type lostError struct{ err error }

func (e *lostError) Error() string {
	return "the connection to the SFTP server was lost: " + e.err.Error()
}
func (e *lostError) Unwrap() error { return e.err }

// Hint is the sentence for the clerk.
func (e *lostError) Hint() string {
	if errors.Is(e.err, os.ErrDeadlineExceeded) || errors.Is(e.err, errStalled) {
		return "The SFTP server stopped answering. If it keeps happening, run Test connection."
	}
	return "The connection to the SFTP server was lost (network or server problem)."
}

var (
	errNoSpace = errors.New("no space left on the server")
	errStalled = errors.New("the server stopped answering")
)

// wrap turns an error of an operation into a *transport.Error with its kind.
// dead says the SSH connection is gone: whatever the library said, the
// operation failed because of the connection. A status the server answered
// carries a Code in FTP's numbering (see replyCode), so that the transport's
// predicates (NotFound, SizeIfExists, WriteRefused, IsReply) read it as
// they read an FTP server's reply.
func wrap(op string, err error, dead bool) error {
	if err == nil {
		return nil
	}
	var fe *transport.Error
	if errors.As(err, &fe) {
		return err
	}
	var st *sftp.StatusError
	switch {
	case errors.Is(err, fs.ErrPermission), errors.Is(err, fs.ErrNotExist), errors.Is(err, errNoSpace),
		errors.As(err, &st) && st.FxCode() != sftp.ErrSSHFxConnectionLost && st.FxCode() != sftp.ErrSSHFxNoConnection:
		code, reply := replyCode(err)
		return &transport.Error{Op: op, Code: code, Reply: reply, Status: "SFTP status " + statusName(err),
			Kind: transport.ClassPermanent, Err: &statusError{op, err}}
	case dead || errors.Is(err, io.EOF) || errors.Is(err, sftp.ErrSSHFxConnectionLost) || errors.Is(err, sftp.ErrSSHFxNoConnection) ||
		transport.ClassOf(err) == transport.ClassRetryable:
		return &transport.Error{Op: op, Kind: transport.ClassRetryable, Err: &lostError{err}}
	}
	return &transport.Error{Op: op, Kind: transport.ClassPermanent, Err: err}
}

// replyCode is the FTP reply code that means what the server's SFTP status
// means: 550 for a missing file or no permission (as FTP servers answer
// SIZE, STOR or DELE), 552 for a full disk, 502 for an operation the server
// does not offer, 550 for OpenSSH's bare "failure".
func replyCode(err error) (int, string) {
	var st *sftp.StatusError
	switch {
	case errors.Is(err, errNoSpace):
		return 552, "no space left on the server"
	case errors.Is(err, fs.ErrNotExist):
		return 550, "no such file"
	case errors.Is(err, fs.ErrPermission):
		return 550, "permission denied"
	case errors.As(err, &st) && st.FxCode() == sftp.ErrSSHFxOpUnsupported:
		return 502, "operation unsupported"
	}
	return 550, "failure"
}

// statusNames are SFTP's status codes (draft-ietf-secsh-filexfer-02,
// the version OpenSSH speaks) by number.
var statusNames = []string{"SSH_FX_OK", "SSH_FX_EOF", "SSH_FX_NO_SUCH_FILE", "SSH_FX_PERMISSION_DENIED",
	"SSH_FX_FAILURE", "SSH_FX_BAD_MESSAGE", "SSH_FX_NO_CONNECTION", "SSH_FX_CONNECTION_LOST", "SSH_FX_OP_UNSUPPORTED"}

// statusName is the SFTP status the server answered, as SFTP names it.
// pkg/sftp turns "no such file" and "permission denied" into fs errors,
// which name it no more.
func statusName(err error) string {
	var st *sftp.StatusError
	switch {
	case errors.As(err, &st) && int(st.Code) < len(statusNames):
		return statusNames[st.Code]
	case errors.As(err, &st):
		return fmt.Sprintf("SSH_FX %d", st.Code)
	case errors.Is(err, fs.ErrNotExist):
		return "SSH_FX_NO_SUCH_FILE"
	case errors.Is(err, fs.ErrPermission):
		return "SSH_FX_PERMISSION_DENIED"
	}
	return "SSH_FX_FAILURE"
}

// dialError classifies a failure to connect, shake hands or log in.
func dialError(err error) error {
	var changed *HostKeyChangedError
	var unknown *UnknownHostKeyError
	var key *KeyError
	switch {
	case errors.As(err, &changed), errors.As(err, &unknown):
		return &transport.Error{Op: "check the host key", Kind: transport.ClassTLS, Err: err}
	case errors.As(err, &key):
		return &transport.Error{Op: "read the private key", Kind: transport.ClassPermanent, Local: true, Err: err}
	case strings.Contains(err.Error(), "unable to authenticate"):
		return &transport.Error{Op: "login", Kind: transport.ClassAuth, Err: &authError{err}}
	}
	return &transport.Error{Op: "connect", Kind: transport.ClassOf(err), Err: &connectError{err}}
}

// connectError: the server could not be reached, or did not speak SSH.
type connectError struct{ err error }

func (e *connectError) Error() string { return e.err.Error() }
func (e *connectError) Unwrap() error { return e.err }

// Hint is the sentence for the clerk.
func (e *connectError) Hint() string {
	return "Exchange could not open an SSH connection to the server: check the host name and port of the profile (SFTP uses 22 unless told otherwise), or run Test connection."
}

func opName(verb, path string) string { return fmt.Sprintf("%s %s", verb, path) }

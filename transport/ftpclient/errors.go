package ftpclient

import (
	"exchange/transport"
)

// Class, Error and their helpers are the transport's (see package
// transport): an FTP error is a *transport.Error with the reply code.
type (
	Class = transport.Class
	Error = transport.Error
)

const (
	ClassRetryable = transport.ClassRetryable
	ClassPermanent = transport.ClassPermanent
	ClassAuth      = transport.ClassAuth
	ClassTLS       = transport.ClassTLS
)

// ErrNotSupported is returned by optional operations (Hash) the server does not offer.
var ErrNotSupported = transport.ErrNotSupported

// ClassOf classifies any error (see transport.ClassOf).
func ClassOf(err error) Class { return transport.ClassOf(err) }

// Hint is one plain sentence telling a clerk what an error means and what to do.
func Hint(err error) string { return transport.HintOf(err) }

// replyError builds the Error for an unexpected reply (see transport.ReplyError).
func replyError(op string, code int, msg string) *Error { return transport.ReplyError(op, code, msg) }

// localError is a refusal by a check on this computer: nothing was sent.
func localError(op string, err error) *Error { return transport.RefusedHere(op, err) }

// wrapError wraps a Go error (network, TLS) with the operation and its class.
func wrapError(op string, err error) error { return transport.Wrap(op, err) }

package ftpclient

import (
	"exchange/transport"
)

// An FTP error is a *transport.Error with the reply code; its class and
// hint are the transport's (transport.ClassOf, transport.HintOf).

// replyError builds the Error for an unexpected reply (see transport.ReplyError).
func replyError(op string, code int, msg string) *transport.Error {
	return transport.ReplyError(op, code, msg)
}

// localError is a refusal by a check on this computer: nothing was sent.
func localError(op string, err error) *transport.Error { return transport.RefusedHere(op, err) }

// wrapError wraps a Go error (network, TLS) with the operation and its class.
func wrapError(op string, err error) error { return transport.Wrap(op, err) }

package ftpclient

import (
	"net"

	"exchange/transport"
)

// ReplyReader reads FTP replies on a control connection driven by code
// outside this package (diagnose walks the greeting and AUTH TLS step by
// step), with the budgets of a Session: a reply over cfg's MaxReplyBytes or
// a line over MaxReplyLine is a *ReplyTooLongError. Lines go to cfg.Log,
// redacted.
type ReplyReader struct{ c *control }

// NewReplyReader reads replies from conn.
func NewReplyReader(conn net.Conn, cfg transport.Config) *ReplyReader {
	cfg.Log = transport.RedactedLog(cfg.Log)
	return &ReplyReader{c: newControl(conn, &cfg)}
}

// Read reads one reply: its code, and its text with the lines of a
// multi-line reply joined by "\n" (the code prefixes of the lines removed).
func (r *ReplyReader) Read() (code int, text string, err error) { return r.c.reply() }

// Command sends one command line and reads its reply, whatever its code.
// A command with CR, LF or NUL is refused before anything is sent.
func (r *ReplyReader) Command(command string) (code int, text string, err error) {
	return r.c.cmd(0, command)
}

package ftpclient

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"exchange/internal/sockerr"
	"exchange/transport"
)

// replyGuard sits on a control connection, under whoever reads the replies
// (our own reader in active mode, jlaffaye/ftp in passive mode), and bounds
// what the server may send: at most maxReply bytes since our last command,
// and, while the connection is plain text, at most maxLine bytes in one line.
// A server that goes past a budget is cut off with a *ReplyTooLongError, so
// that an endless reply costs bounded memory and time.
//
// Under TLS (implicit, or explicit after AUTH TLS) the guard sits under the
// TLS layer and counts TLS records, the handshake's included: the reply
// budget still bounds the text (a record is never smaller than what it
// carries; the overhead is some 22 bytes a record, and a certificate chain
// counts once, after our ClientHello), but lines cannot be seen. In active
// mode our own reader (control.go) applies both budgets to the text above
// TLS; in passive mode jlaffaye reads it, so there only the byte budget
// holds, and it is what bounds a line too.
//
// It is also where a session is stopped from outside: fail closes the
// connection and makes every later Read and Write return the cause (a
// canceled context, an abort, a port found to speak TLS).
type replyGuard struct {
	net.Conn
	dl       *deadlineConn // the connection's rolling deadlines (the greeting's cap lives there); may be nil
	maxReply int64
	maxLine  int64

	mu         sync.Mutex
	sinceWrite int64   // bytes read since our last write
	line       int64   // bytes of the current line (plain text only)
	plain      bool    // the bytes are readable text: no TLS under this guard
	greeting   bool    // still waiting for the server's greeting
	wrote      bool    // we have sent something
	sentAuth   bool    // we have sent AUTH (explicit TLS)
	cause      error   // set once by fail
	head       [4]byte // the first bytes of the current line (plain text only)
	headLen    int
	multi      string // the code of an open multi-line reply ("211"), or ""

	gotFirst atomic.Bool // the server has sent something
}

// newReplyGuard wraps a control connection. plain says whether the bytes seen
// here are FTP text (plain and explicit TLS until AUTH TLS) or TLS records.
func newReplyGuard(dl *deadlineConn, cfg *transport.Config, plain bool) *replyGuard {
	return &replyGuard{Conn: dl, dl: dl, maxReply: int64(cfg.ReplyBudget()), maxLine: int64(cfg.ReplyLineBudget()), plain: plain}
}

// BoundReplies puts the reply budgets of a Session (cfg's MaxReplyBytes and
// MaxReplyLine) on a control connection read by code outside this package
// (diagnose): past them, reads fail with a *ReplyTooLongError and the
// connection is closed. conn must not carry TLS yet unless cfg.TLS is
// implicit.
func BoundReplies(conn net.Conn, cfg transport.Config) net.Conn {
	return &replyGuard{Conn: conn, maxReply: int64(cfg.ReplyBudget()), maxLine: int64(cfg.ReplyLineBudget()), plain: cfg.TLS != transport.TLSImplicit}
}

// startGreeting caps every wait until greeted is called: the whole greeting
// must arrive within d, however slowly the server drips it.
func (g *replyGuard) startGreeting(d time.Duration) {
	g.mu.Lock()
	g.greeting = true
	g.mu.Unlock()
	if g.dl != nil {
		g.dl.capAt(time.Now().Add(d))
	}
}

// greeted ends the greeting's time budget: later waits are the rolling Timeout.
func (g *replyGuard) greeted() {
	g.mu.Lock()
	g.greeting = false
	g.mu.Unlock()
	if g.dl != nil {
		g.dl.capAt(time.Time{})
	}
}

// fail stops the connection for good with cause (the first cause wins).
func (g *replyGuard) fail(cause error) {
	g.mu.Lock()
	if g.cause == nil {
		g.cause = cause
	}
	g.mu.Unlock()
	_ = g.Conn.Close()
}

func (g *replyGuard) failure() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.cause
}

// authSent says whether AUTH was sent: a failure of jlaffaye's Dial after
// it is AUTH TLS's (the library sends QUIT after, so the last command
// would not tell).
func (g *replyGuard) authSent() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.sentAuth
}

func (g *replyGuard) Read(p []byte) (int, error) {
	if err := g.failure(); err != nil {
		return 0, err
	}
	n, err := g.Conn.Read(p)
	if cause := g.failure(); cause != nil {
		return 0, cause
	}
	if n > 0 {
		g.gotFirst.Store(true)
		if berr := g.count(p[:n]); berr != nil {
			g.fail(berr)
			return 0, berr
		}
	}
	if err != nil {
		var cut *CutOffError
		if err = g.cutOff(err); errors.As(err, &cut) {
			// Remembered: a reader may take the half line as a whole reply
			// (bufio does at EOF) and only meet the error at its next write.
			g.fail(err)
		}
	}
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
		g.mu.Lock()
		waiting := g.greeting
		g.mu.Unlock()
		if waiting {
			ng := &NoGreetingError{Err: err}
			g.fail(ng) // nothing useful can come after a greeting that did not
			return 0, ng
		}
	}
	return n, err
}

// count charges the budgets with bytes just read.
func (g *replyGuard) count(b []byte) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.plain && !g.wrote && looksLikeTLSRecord(b) {
		return &TLSPortError{}
	}
	g.sinceWrite += int64(len(b))
	if g.sinceWrite > g.maxReply {
		return &ReplyTooLongError{Limit: g.maxReply}
	}
	if !g.plain {
		return nil
	}
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			g.noteHead(b)
			g.line += int64(len(b))
			break
		}
		g.noteHead(b[:i])
		g.line += int64(i)
		if g.line > g.maxLine {
			break
		}
		g.endLine()
		b = b[i+1:]
	}
	if g.line > g.maxLine {
		return &ReplyTooLongError{Limit: g.maxLine, Line: true}
	}
	return nil
}

// noteHead keeps the first four bytes of the current line: "211-" opens a
// multi-line reply that "211 " closes.
func (g *replyGuard) noteHead(b []byte) {
	if g.line < int64(len(g.head)) {
		g.headLen += copy(g.head[g.headLen:], b)
	}
}

func (g *replyGuard) endLine() {
	h := g.head[:g.headLen]
	switch {
	case g.multi == "" && len(h) == 4 && h[3] == '-' && isDigits(h[:3]):
		g.multi = string(h[:3])
	case g.multi != "" && len(h) == 4 && h[3] == ' ' && string(h[:3]) == g.multi:
		g.multi = ""
	}
	g.line, g.headLen = 0, 0
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// cutOff names a connection that ended where a reply was expected or
// half-read (plain text only: under TLS the guard cannot see replies).
func (g *replyGuard) cutOff(err error) error {
	if !errors.Is(err, io.EOF) && !sockerr.Reset(err) {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case !g.plain:
		return err
	case g.greeting && !g.gotFirst.Load():
		return &CutOffError{BeforeGreeting: true, Err: err}
	case g.line > 0 || g.multi != "":
		return &CutOffError{Err: err}
	}
	return err
}

// looksLikeTLSRecord: a TLS handshake or alert record (type 0x16 or 0x15,
// version 3.x), which no FTP greeting starts with.
func looksLikeTLSRecord(b []byte) bool {
	return len(b) >= 2 && (b[0] == 0x16 || b[0] == 0x15) && b[1] == 0x03
}

func (g *replyGuard) Write(p []byte) (int, error) {
	g.mu.Lock()
	cause := g.cause
	g.sinceWrite, g.line, g.headLen, g.multi = 0, 0, 0, ""
	switch {
	case len(p) > 0 && p[0] == 0x16:
		g.plain = false // our TLS ClientHello: from here on the bytes are records
	case g.plain && len(p) >= 5 && strings.EqualFold(string(p[:5]), "AUTH "):
		g.sentAuth = true
	}
	g.wrote = true
	g.mu.Unlock()
	if cause != nil {
		return 0, cause
	}
	n, err := g.Conn.Write(p)
	if c := g.failure(); c != nil && err != nil {
		return n, c
	}
	return n, err
}

// ReplyTooLongError: the server sent more than the budget without ending
// its reply (or its line).
type ReplyTooLongError struct {
	Limit int64
	Line  bool // the budget of one line, not of the whole reply
}

func (e *ReplyTooLongError) Error() string {
	what := "a reply"
	if e.Line {
		what = "a reply line"
	}
	return fmt.Sprintf("the server sent %s longer than %s: it is not behaving like an FTP server", what, sizeText(e.Limit))
}

func sizeText(n int64) string {
	if n >= 1024 && n%1024 == 0 {
		return fmt.Sprintf("%d KB", n/1024)
	}
	return fmt.Sprintf("%d bytes", n)
}

// CutOffError: the server closed (or reset) the connection in the middle
// of a reply, or before it greeted.
type CutOffError struct {
	BeforeGreeting bool
	Err            error
}

func (e *CutOffError) Error() string {
	if e.BeforeGreeting {
		return "the server closed the connection before greeting: it refuses this computer, or has too many connections"
	}
	return "the server closed the connection in the middle of its reply"
}

func (e *CutOffError) Unwrap() error { return e.Err }

// NoGreetingError: the server accepted the connection but its greeting did
// not arrive within Config.GreetingTimeout.
type NoGreetingError struct{ Err error }

func (e *NoGreetingError) Error() string {
	return "the server accepted the connection but did not greet in time: it is overloaded, or this port is not an FTP server's"
}

func (e *NoGreetingError) Unwrap() error { return e.Err }

// TLSPortError: plain FTP (or explicit TLS) was tried on a port that speaks
// TLS from the first byte (implicit FTPS).
type TLSPortError struct{}

func (e *TLSPortError) Error() string {
	return "this port speaks TLS (implicit FTPS): use ftps:// (TLS \"implicit\") for it"
}

// PlainPortError: implicit TLS was tried on a port that speaks plain FTP.
type PlainPortError struct{ Err error }

func (e *PlainPortError) Error() string {
	return "this port speaks plain FTP, not TLS: use ftpes:// (TLS \"explicit\") or ftp:// for it"
}

func (e *PlainPortError) Unwrap() error { return e.Err }

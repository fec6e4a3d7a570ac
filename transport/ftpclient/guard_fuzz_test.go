package ftpclient

import (
	"bytes"
	"errors"
	"io"
	"net"
	"testing"

	"exchange/transport"
)

// chunkConn is a net.Conn whose reads hand out in in pieces of at most size bytes.
type chunkConn struct {
	net.Conn
	in   []byte
	size int
}

func (c *chunkConn) Read(p []byte) (int, error) {
	if len(c.in) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.size)], c.in)
	c.in = c.in[n:]
	return n, nil
}

func (c *chunkConn) Close() error { return nil }

// FuzzReplyGuard: the guard refuses a stream exactly when it has a line
// over the line budget or more bytes than the reply budget, however the
// network cuts it into reads.
func FuzzReplyGuard(f *testing.F) {
	f.Add([]byte("220 ready\r\n"), uint8(1))
	f.Add([]byte("211-Features:\r\n SIZE\r\n211 End\r\n"), uint8(7))
	f.Add(bytes.Repeat([]byte("x"), 70), uint8(16))
	f.Add(bytes.Repeat([]byte("220-x\r\n"), 40), uint8(3))
	f.Fuzz(func(t *testing.T, in []byte, size uint8) {
		const maxLine, maxReply = 64, 256
		cfg := transport.Config{MaxReplyLine: maxLine, MaxReplyBytes: maxReply}
		var want bool // some line too long, or the whole too big
		if len(in) > maxReply {
			want = true
		}
		for _, l := range bytes.Split(in, []byte("\n")) {
			if len(l) > maxLine {
				want = true
			}
		}
		g := BoundReplies(&chunkConn{in: in, size: int(size%32) + 1}, cfg).(*replyGuard)
		g.wrote = true // a reply to a command: the greeting's TLS check is not the point
		_, err := io.Copy(io.Discard, g)
		var tooLong *ReplyTooLongError
		if got := errors.As(err, &tooLong); got != want {
			t.Fatalf("read size %d: error %v, want refused=%v", size%32+1, err, want)
		}
	})
}

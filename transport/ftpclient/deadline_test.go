package ftpclient

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"exchange/internal/testwait"
)

// tcpPair returns a connected client and the bytes the server end received,
// available once the client is closed.
func tcpPair(t *testing.T) (net.Conn, func() []byte) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	got := make(chan []byte, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			got <- nil
			return
		}
		defer c.Close()
		data, _ := io.ReadAll(c)
		got <- data
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	return c, func() []byte { return <-got }
}

// TestDataConnReadFromSendsPartOfAFile: an upload of part of a file through
// the wrappers (io.Copy reaches their ReadFrom) sends exactly that part, says
// how much it sent, and counts as written for the TLS-safe close.
func TestDataConnReadFromSendsPartOfAFile(t *testing.T) {
	data := make([]byte, 3*(1<<20)+12345)
	if _, err := rand.Read(data); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(100, io.SeekStart); err != nil {
		t.Fatal(err)
	}

	c, received := tcpPair(t)
	dc := newDataConn(withDeadlines(c, testwait.Scaled(5*time.Second)), time.Second, nil).(*dataConn)
	want := int64(2*(1<<20) + 777)
	lr := &io.LimitedReader{R: f, N: want}
	n, err := io.Copy(dc, lr) // io.Copy hands the copy to dc.ReadFrom
	if err != nil || n != want {
		t.Fatalf("copied %d bytes, err %v; want %d", n, err, want)
	}
	if lr.N != 0 {
		t.Errorf("the limited reader has %d bytes left, want 0", lr.N)
	}
	if !dc.written {
		t.Error("the connection does not count as written")
	}
	if err := dc.Close(); err != nil {
		t.Fatal(err)
	}
	if got := received(); !bytes.Equal(got, data[100:100+want]) {
		t.Fatalf("the server received %d bytes, not the %d requested from offset 100", len(got), want)
	}
}

// TestDataConnReadFromPlainReader: a reader that is not a file goes
// through the same path to the end of its data.
func TestDataConnReadFromPlainReader(t *testing.T) {
	data := bytes.Repeat([]byte("AL3 "), 300_000)
	c, received := tcpPair(t)
	dc := newDataConn(withDeadlines(c, testwait.Scaled(5*time.Second)), time.Second, nil).(*dataConn)
	n, err := dc.ReadFrom(bytes.NewReader(data))
	if err != nil || n != int64(len(data)) {
		t.Fatalf("ReadFrom = %d, %v; want %d", n, err, len(data))
	}
	c.Close()
	if got := received(); !bytes.Equal(got, data) {
		t.Fatalf("the server received %d bytes, want %d", len(got), len(data))
	}
}

// TestDataConnReadFromTimesOut: a peer that stops reading makes the copy
// fail within about the timeout instead of hanging.
func TestDataConnReadFromTimesOut(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	stalled := make(chan net.Conn, 1)
	go func() { c, _ := ln.Accept(); stalled <- c }() // accepts, never reads
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	defer func() {
		if s := <-stalled; s != nil {
			s.Close()
		}
	}()
	dc := newDataConn(withDeadlines(c, 300*time.Millisecond), time.Millisecond, nil).(*dataConn)
	start := time.Now()
	_, err = dc.ReadFrom(io.LimitReader(zeros{}, 1<<30))
	var ne net.Error
	if err == nil || !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if d := time.Since(start); d > testwait.Scaled(5*time.Second) {
		t.Errorf("the stalled copy took %v to fail", d)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

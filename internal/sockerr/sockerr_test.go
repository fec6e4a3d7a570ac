package sockerr

import (
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

// TestRefusedOnThisSystem dials a loopback port nobody listens on.
func TestRefusedOnThisSystem(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = net.DialTimeout("tcp", addr, 30*time.Second)
	if err == nil {
		t.Fatal("a closed port accepted the connection")
	}
	if !Refused(err) || Reset(err) {
		t.Errorf("Refused(%v) = %v, Reset = %v; want refused only", err, Refused(err), Reset(err))
	}
}

// TestResetOnThisSystem reads from a connection the peer closed with RST.
func TestResetOnThisSystem(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		_ = c.(*net.TCPConn).SetLinger(0) // close sends RST
		c.Close()
	}()
	c, err := net.Dial("tcp", l.Addr().String())
	if err == nil { // the reset may come during the connect or at the first read
		defer c.Close()
		_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
		_, err = io.ReadAll(c)
	}
	if err == nil {
		t.Skip("this system reported the reset as a clean end of stream")
	}
	if !Reset(err) {
		t.Errorf("Reset(%v) = false", err)
	}
	if Refused(errors.New("other")) || Unreachable(errors.New("other")) || Aborted(nil) {
		t.Error("an unrelated error matched")
	}
}

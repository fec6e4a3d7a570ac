package ftpclient_test

import (
	"bufio"
	"errors"
	"net"
	"strings"
	"testing"

	"exchange/transport"
	"exchange/transport/ftpclient"
)

// TestReplyReaderForOutsiders: the reader diagnose uses reads multi-line
// replies like a session does, keeps a session's budgets, logs what it
// reads, and never puts a command with CR/LF on the wire.
func TestReplyReaderForOutsiders(t *testing.T) {
	client, server := net.Pipe()
	defer client.Close()
	var logged []string
	rr := ftpclient.NewReplyReader(client, transport.Config{MaxReplyLine: 64, Log: func(l string) { logged = append(logged, l) }})
	go func() {
		defer server.Close()
		_, _ = server.Write([]byte("220-Welcome\r\n 2nd line\r\n220 ready\r\n"))
		cmd, _ := bufio.NewReader(server).ReadString('\n')
		if cmd == "AUTH TLS\r\n" {
			_, _ = server.Write([]byte("234 go ahead\r\n" + strings.Repeat("5", 100) + "\r\n"))
		}
	}()
	code, text, err := rr.Read()
	if err != nil || code != 220 || text != "Welcome\n 2nd line\nready" {
		t.Fatalf("greeting = %d %q %v", code, text, err)
	}
	if _, _, err := rr.Command("AUTH TLS\r\nDELE x"); err == nil {
		t.Fatal("a command with CR/LF was sent")
	}
	if code, _, err := rr.Command("AUTH TLS"); err != nil || code != 234 {
		t.Fatalf("AUTH TLS = %d %v", code, err)
	}
	var tooLong *ftpclient.ReplyTooLongError
	if _, _, err := rr.Read(); !errors.As(err, &tooLong) {
		t.Errorf("a line over the budget = %v, want a ReplyTooLongError", err)
	}
	if joined := strings.Join(logged, "\n"); !strings.Contains(joined, "220 ready") || !strings.Contains(joined, "AUTH TLS") {
		t.Errorf("log:\n%s", joined)
	}
}

package main

import (
	"strings"
	"testing"
)

func TestParseProtocolLogCountsCommandsAndConnections(t *testing.T) {
	log := `Sun Dec  6 11:40:00 2026 [pid 10] CONNECT: Client "127.0.0.1"
Sun Dec  6 11:40:00 2026 [pid 10] FTP response: Client "127.0.0.1", "220 (vsFTPd 3.0.3)"
Sun Dec  6 11:40:00 2026 [pid 10] FTP command: Client "127.0.0.1", "AUTH TLS"
Sun Dec  6 11:40:00 2026 [pid 10] FTP command: Client "127.0.0.1", "USER exftp"
Sun Dec  6 11:40:00 2026 [pid 11] [exftp] FTP command: Client "127.0.0.1", "STOR a b.al3"
Sun Dec  6 11:40:00 2026 [pid 11] [exftp] FTP command: Client "127.0.0.1", "stor c.al3"
Sun Dec  6 11:40:00 2026 [pid 11] [exftp] FTP command: Client "127.0.0.1", "PASV"
Sun Dec  6 11:40:00 2026 [pid 11] [exftp] OK UPLOAD: Client "127.0.0.1", "/a b.al3", 4096 bytes, 80.00Kbyte/sec
`
	c, err := parseProtocolLog(strings.NewReader(log))
	if err != nil {
		t.Fatal(err)
	}
	if c.connects != 1 || c.total() != 5 || c.commands["STOR"] != 2 || c.commands["PASV"] != 1 || c.commands["AUTH"] != 1 {
		t.Fatalf("got %d connections, %d commands %v; want 1, 5 with STOR 2, PASV 1, AUTH 1", c.connects, c.total(), c.commands)
	}
}

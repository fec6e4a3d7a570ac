package ftptest

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Command is one control command a client sent, as the server logged it.
type Command struct {
	Session string // the server process that served it (one per connection)
	Verb    string // upper-case: "STOR", "SIZE"...
}

// vsftpdCommand matches a protocol log line of vsftpd (log_ftp_protocol).
var vsftpdCommand = regexp.MustCompile(`\[pid (\d+)\] (?:\[[^\]]*\] )?FTP command: Client "[^"]*", "([A-Za-z]+)`)

// Commands returns the control commands the server received so far, in
// order, read from its protocol log (vsftpd only: the others do not log
// every command here). A round trip is one command and its reply.
func (s *Server) Commands() ([]Command, error) {
	if s.Kind != VSFTPD {
		return nil, errors.New(string(s.Kind) + " keeps no protocol log here")
	}
	raw, err := os.ReadFile(filepath.Join(s.work, "vsftpd.log"))
	if err != nil {
		return nil, err
	}
	var out []Command
	for _, line := range strings.Split(string(raw), "\n") {
		if m := vsftpdCommand.FindStringSubmatch(line); m != nil {
			out = append(out, Command{Session: m[1], Verb: strings.ToUpper(m[2])})
		}
	}
	return out, nil
}

// vsftpdConnect matches the line vsftpd logs when a client connects.
var vsftpdConnect = regexp.MustCompile(`\] CONNECT: Client "`)

// Connections returns how many control connections the server accepted so
// far, read from its protocol log (vsftpd only).
func (s *Server) Connections() (int, error) {
	if s.Kind != VSFTPD {
		return 0, errors.New(string(s.Kind) + " keeps no protocol log here")
	}
	raw, err := os.ReadFile(filepath.Join(s.work, "vsftpd.log"))
	if err != nil {
		return 0, err
	}
	return len(vsftpdConnect.FindAllIndex(raw, -1)), nil
}

package sftpclient_test

import (
	"strings"
	"testing"

	"exchange/internal/sshtest"
	"exchange/transport"
)

// An SFTP server's refusal reads as SFTP in the error's technical text (its
// status, SSH_FX_...), not as an FTP reply ("server replied 550"), while
// the transport's predicates still read it as they read FTP's.
func TestSFTPStatusesReadAsSFTP(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{})
	s := dial(t, passwordConfig(srv))
	_, sizeErr := s.Size("no-such-file.al3")
	cases := []struct {
		name   string
		err    error
		status string
		is     func(error) bool
	}{
		{"Size of a missing file", sizeErr, "SSH_FX_NO_SUCH_FILE", transport.NotFound},
		{"Delete of a missing file", s.Delete("no-such-file.al3"), "SSH_FX_NO_SUCH_FILE", transport.NotFound},
		{"Store in a read-only folder", s.Store(sshtest.ReadOnlyFolder+"/a.al3", strings.NewReader("x"), 0), "SSH_FX_PERMISSION_DENIED", transport.WriteRefused},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		text := c.err.Error()
		if !strings.Contains(text, c.status) || !strings.Contains(text, "SFTP") {
			t.Errorf("%s: %q does not name the SFTP status %s", c.name, text, c.status)
		}
		if strings.Contains(text, "replied 5") {
			t.Errorf("%s: %q reads as an FTP reply", c.name, text)
		}
		if !c.is(c.err) {
			t.Errorf("%s: the transport's predicate no longer reads %q", c.name, text)
		}
	}
}

package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"exchange/internal/sshtest"
	"exchange/transport"
	_ "exchange/transport/sftpclient" // reads the key files (transport.KeyNeedsPassphrase)
)

// An SFTP profile with a plain key file logs in without a password; with an
// encrypted key, or over FTP, an empty password nobody gave is still refused.
func TestKeyLoginNeedsNoPassword(t *testing.T) {
	dir := t.TempDir()
	write := func(name, passphrase string) string {
		k, err := sshtest.NewKeyPair(passphrase)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, k.PrivatePEM, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plain, encrypted := write("plain", ""), write("encrypted", "secret")
	a := &Asker{given: map[string]bool{}}
	dialed := 0
	dial := a.GuardDial(func(context.Context, transport.Config) (transport.Session, error) { dialed++; return nil, nil })
	for _, c := range []struct {
		cfg  transport.Config
		dial bool
	}{
		{transport.Config{Protocol: "sftp", User: "u", Host: "h", KeyFile: plain}, true},
		{transport.Config{Protocol: "sftp", User: "u", Host: "h", KeyFile: encrypted}, false},
		{transport.Config{Protocol: "sftp", User: "u", Host: "h"}, false},
		{transport.Config{User: "u", Host: "h", KeyFile: plain}, false},
	} {
		before := dialed
		_, _ = dial(context.Background(), c.cfg)
		if (dialed > before) != c.dial {
			t.Errorf("%+v: dialed %v, want %v", c.cfg, dialed > before, c.dial)
		}
	}
}

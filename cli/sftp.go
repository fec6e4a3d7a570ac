package cli

import (
	"flag"
	"fmt"
	"io"
	"os"

	"exchange/profile"
	"exchange/transport"
)

// sshFlags are the options only SFTP servers take.
type sshFlags struct {
	hostKey, keyFile string
}

func (s *sshFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.hostKey, "host-key", "", "SFTP: trust exactly the SSH host key with this fingerprint (SHA256:..., as ssh-keygen -l shows it)")
	fs.StringVar(&s.keyFile, "key", "", "SFTP: log in with this private key file (the password, if any, is its passphrase)")
}

// apply sets the host key pin and the key file of an SFTP profile.
func (s sshFlags) apply(p *profile.Profile) error {
	if (s.hostKey != "" || s.keyFile != "") && !p.IsSFTP() {
		return fmt.Errorf("--host-key and --key are for SFTP servers (sftp://user@host/)")
	}
	if s.hostKey != "" {
		fp, err := transport.ParseHostKeyFingerprint(s.hostKey)
		if err != nil {
			return fmt.Errorf("--host-key: %w", err)
		}
		p.PinnedSHA256 = fp
	}
	if s.keyFile != "" {
		if _, err := os.Stat(s.keyFile); err != nil {
			return fmt.Errorf("--key: %w", err)
		}
		p.KeyFile = s.keyFile
	}
	return nil
}

// sftpNeedsPassword: an SFTP login needs a password unless a key does it
// (a key file that is not encrypted, or an ssh-agent).
func sftpNeedsPassword(p profile.Profile) bool {
	if p.KeyFile != "" {
		return transport.KeyNeedsPassphrase(p.KeyFile)
	}
	return os.Getenv("SSH_AUTH_SOCK") == ""
}

// showSFTP prints what only SFTP profiles have.
func showSFTP(w io.Writer, p profile.Profile) {
	hostKey := p.PinnedSHA256
	if hostKey == "" {
		hostKey = "not pinned yet (give --host-key SHA256:... as your administrator tells it)"
	}
	fmt.Fprintf(w, "host key:     %s\n", hostKey)
	if p.KeyFile != "" {
		fmt.Fprintf(w, "key file:     %s\n", safeText(p.KeyFile))
	}
}

func describeSFTP(p profile.Profile) string {
	port := ""
	if p.Port > 0 {
		port = fmt.Sprintf(":%d", p.Port)
	}
	return safeText(fmt.Sprintf("sftp://%s@%s%s%s", p.User, p.Host, port, profile.URLPath(p.RemoteDir)))
}

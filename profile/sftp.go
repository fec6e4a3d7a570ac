package profile

import (
	"fmt"
	"strings"

	"exchange/transport"
)

// Protocols a profile can speak.
const (
	ProtocolFTP  = "ftp"  // FTP, or FTPS with TLS set (the default)
	ProtocolSFTP = "sftp" // SFTP over SSH (transport/sftpclient, linked in by app)
)

// IsSFTP reports whether the profile sends over SFTP.
func (p Profile) IsSFTP() bool { return strings.EqualFold(p.Protocol, ProtocolSFTP) }

// validateProtocol checks the protocol and what only SFTP uses: an SFTP
// profile has no FTP mode or TLS to set, and its pin is a host key
// fingerprint.
func (p Profile) validateProtocol() error {
	switch strings.ToLower(p.Protocol) {
	case "", ProtocolFTP:
		if p.KeyFile != "" {
			return fmt.Errorf("profile %q: a private key file is for SFTP profiles only", p.Name)
		}
		return nil
	case ProtocolSFTP:
	default:
		return fmt.Errorf("profile %q: unknown protocol %q: use ftp or sftp", p.Name, p.Protocol)
	}
	if t := strings.ToLower(string(p.TLS)); t != "" && t != "none" {
		return fmt.Errorf("profile %q: SFTP is encrypted by SSH: leave TLS at none (TLS is for FTPS)", p.Name)
	}
	if strings.EqualFold(string(p.Mode), "active") {
		return fmt.Errorf("profile %q: SFTP has no active or passive mode (it uses a single connection)", p.Name)
	}
	if p.PinnedSHA256 != "" {
		if _, err := transport.ParseHostKeyFingerprint(p.PinnedSHA256); err != nil {
			return fmt.Errorf("profile %q: host key: %w", p.Name, err)
		}
	}
	if strings.ContainsAny(p.KeyFile, "\r\n\x00") {
		return fmt.Errorf("profile %q: the key file path contains a line break", p.Name)
	}
	return nil
}

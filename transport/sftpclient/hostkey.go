package sftpclient

import (
	"fmt"
	"net"

	"golang.org/x/crypto/ssh"

	"exchange/transport"
)

// HostKeyChangedError: the server showed another host key than the one
// pinned in the profile. It may have been reinstalled, or this is not the
// expected server (someone in the middle): never accepted silently.
type HostKeyChangedError struct {
	Address string
	Pinned  string // the fingerprint in the profile
	Got     string // the fingerprint the server showed
	KeyType string
}

func (e *HostKeyChangedError) Error() string {
	return fmt.Sprintf("WARNING: the SSH host key of %s has changed: the profile trusts %s, the server showed %s (%s); refused",
		e.Address, e.Pinned, e.Got, e.KeyType)
}

// Hint is the sentence for the clerk.
func (e *HostKeyChangedError) Hint() string {
	return "Warning: the server's identity (its SSH host key) is not the one this profile trusts. It may have been reinstalled, " +
		"or someone is pretending to be it. Nothing was sent. Ask the server's administrator for the new fingerprint before changing the profile."
}

// UnknownHostKeyError: no host key is pinned and nobody (or the person
// asked) accepted the one the server showed.
type UnknownHostKeyError struct {
	Info transport.CertInfo
}

func (e *UnknownHostKeyError) Error() string {
	return fmt.Sprintf("the SSH host key of this server is not trusted yet (%s); fingerprint %s", e.Info.Subject, e.Info.SHA256)
}

// Hint is the sentence for the clerk.
func (e *UnknownHostKeyError) Hint() string {
	return "The server's identity (its SSH host key) is not trusted yet. Compare its fingerprint with the one your administrator gave you, " +
		"then trust it (Test connection, or --host-key on the command line)."
}

// ParseFingerprint checks a host key fingerprint as ssh-keygen -l shows it
// ("SHA256:" followed by 43 characters of unpadded base64; "SHA256:" may be
// left out) and returns it in that form.
func ParseFingerprint(s string) (string, error) { return transport.ParseHostKeyFingerprint(s) }

// sameFingerprint compares fingerprints exactly (base64 is case-sensitive).
func sameFingerprint(pinned, got string) bool {
	p, err := ParseFingerprint(pinned)
	return err == nil && p == got
}

// hostKeyCheck returns the callback checking the server's key against the
// pin or the person asked, and the place where the accepted fingerprint is
// written.
func hostKeyCheck(cfg *Config, accepted *string) ssh.HostKeyCallback {
	return func(_ string, _ net.Addr, key ssh.PublicKey) error {
		fp := ssh.FingerprintSHA256(key)
		if cfg.HostKey != "" {
			if sameFingerprint(cfg.HostKey, fp) {
				*accepted = fp
				return nil
			}
			cfg.logf("host key " + fp + " does not match the pinned " + cfg.HostKey)
			return &HostKeyChangedError{Address: cfg.Address(), Pinned: cfg.HostKey, Got: fp, KeyType: key.Type()}
		}
		info := transport.CertInfo{
			Subject: fmt.Sprintf("SSH host key (%s) of %s", key.Type(), cfg.Address()),
			SHA256:  fp,
			Reason:  "no host key is stored for this server yet",
		}
		if cfg.ConfirmHostKey != nil && cfg.ConfirmHostKey(info) {
			*accepted = fp
			return nil
		}
		return &UnknownHostKeyError{Info: info}
	}
}

package cli

import (
	"fmt"
	"strings"

	"exchange/profile"
)

// pinFor checks a --tls-fingerprint given for profile p: a well-formed
// SHA-256, for a server reached over TLS (a plain FTP session has no
// certificate to pin, and a pin there would only look like protection).
func pinFor(p profile.Profile, fingerprint string) (string, error) {
	fp, err := parseFingerprint(fingerprint)
	if err != nil {
		return "", err
	}
	if p.IsSFTP() {
		return "", fmt.Errorf("--tls-fingerprint pins a TLS certificate; an SFTP server has an SSH host key: use --host-key SHA256:<fingerprint>")
	}
	if p.TLS == "" || p.TLS == "none" {
		return "", fmt.Errorf("--tls-fingerprint pins the certificate of a TLS server, but this server is plain FTP (no certificate): use ftpes:// or ftps://")
	}
	return fp, nil
}

// parseFingerprint checks a --tls-fingerprint: a SHA-256 is 64 hexadecimal
// digits, written with or without colons between pairs, in either case. It
// returns the fingerprint as the program shows them (upper case, colons).
func parseFingerprint(s string) (string, error) {
	digits := strings.ToUpper(strings.TrimSpace(s))
	if strings.Contains(digits, ":") {
		pairs := strings.Split(digits, ":")
		for _, p := range pairs {
			if len(p) != 2 {
				return "", fmt.Errorf("--tls-fingerprint %q is not a SHA-256 fingerprint: with colons, write two digits between each (AB:CD:...)", s)
			}
		}
		digits = strings.Join(pairs, "")
	}
	for _, c := range digits {
		if !strings.ContainsRune("0123456789ABCDEF", c) {
			return "", fmt.Errorf("--tls-fingerprint %q is not a SHA-256 fingerprint: %q is not a hexadecimal digit (0-9, A-F)", s, c)
		}
	}
	if len(digits) != 64 {
		return "", fmt.Errorf("--tls-fingerprint %q is not a SHA-256 fingerprint: it has %d hexadecimal digits, a SHA-256 has 64", s, len(digits))
	}
	var b strings.Builder
	for i := 0; i < 64; i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(digits[i : i+2])
	}
	return b.String(), nil
}

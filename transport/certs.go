package transport

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// CertInfo describes a server certificate for a person deciding whether to trust it.
type CertInfo struct {
	Subject  string
	Issuer   string
	NotAfter time.Time
	DNSNames []string
	SHA256   string // upper-case hex with colons, as browsers show it
	Reason   string // why it is not trusted by the system
}

// UntrustedCertificateError is returned when the certificate is neither
// trusted by the roots nor pinned, and ConfirmCertificate said no (or is nil).
type UntrustedCertificateError struct {
	Info CertInfo
}

func (e *UntrustedCertificateError) Error() string {
	return fmt.Sprintf("server certificate %q is not trusted (%s); SHA-256 fingerprint %s", e.Info.Subject, e.Info.Reason, e.Info.SHA256)
}

// Class: only the clerk can decide to trust it.
func (e *UntrustedCertificateError) Class() Class { return ClassTLS }

// Hint tells the clerk how to decide.
func (e *UntrustedCertificateError) Hint() string {
	return "The server's certificate is not trusted. Compare its fingerprint with the one your administrator gave you before trusting it."
}

// DescribeCertificate is what a person deciding about c is shown; reason
// says why it is not trusted ("" when it is).
func DescribeCertificate(c *x509.Certificate, reason string) CertInfo {
	return CertInfo{
		Subject:  c.Subject.String(),
		Issuer:   c.Issuer.String(),
		NotAfter: c.NotAfter,
		DNSNames: c.DNSNames,
		SHA256:   Fingerprint(c.Raw),
		Reason:   reason,
	}
}

// Fingerprint returns the SHA-256 of a DER certificate as upper-case hex with colons.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	h := strings.ToUpper(hex.EncodeToString(sum[:]))
	var b strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(h[i : i+2])
	}
	return b.String()
}

// NormalizeFingerprint strips colons, spaces and case so fingerprints compare.
func NormalizeFingerprint(fp string) string {
	r := strings.NewReplacer(":", "", " ", "", "-", "")
	return strings.ToLower(r.Replace(strings.TrimPrefix(strings.TrimSpace(fp), "SHA256:")))
}

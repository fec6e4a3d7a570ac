package ftpclient

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
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

// newTLSConfig returns the TLS configuration of ONE control connection and its
// data connections. It has its own session cache and a fixed ServerName, so
// that data connections resume the control connection's TLS session (vsftpd
// require_ssl_reuse, proftpd): the cache is keyed by ServerName, and a cache
// shared by parallel connections would resume the wrong session.
func newTLSConfig(cfg *Config) *tls.Config {
	tc := &tls.Config{
		ServerName:         cfg.Host,
		ClientSessionCache: tls.NewLRUClientSessionCache(4),
		MinVersion:         tls.VersionTLS12,
		// Verification is done in VerifyConnection below, so that pinning and
		// the caller's confirmation can take over when the roots say no.
		InsecureSkipVerify: true,
	}
	if cfg.TLS12Only {
		tc.MaxVersion = tls.VersionTLS12
	}
	var accepted string // fingerprint accepted for this connection (pinned or confirmed)
	tc.VerifyConnection = func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 {
			return errors.New("server sent no certificate")
		}
		leaf := cs.PeerCertificates[0]
		fp := Fingerprint(leaf.Raw)
		if accepted != "" && NormalizeFingerprint(accepted) == NormalizeFingerprint(fp) {
			return nil
		}
		if cfg.PinnedSHA256 != "" {
			if NormalizeFingerprint(cfg.PinnedSHA256) == NormalizeFingerprint(fp) {
				accepted = fp
				return nil
			}
			return &UntrustedCertificateError{Info: certInfo(leaf, fp, "its fingerprint does not match the pinned one: the certificate changed, or this is not the expected server")}
		}
		opts := x509.VerifyOptions{Roots: cfg.RootCAs, DNSName: cfg.Host, Intermediates: x509.NewCertPool()}
		for _, c := range cs.PeerCertificates[1:] {
			opts.Intermediates.AddCert(c)
		}
		_, err := leaf.Verify(opts)
		if err == nil {
			accepted = fp
			return nil
		}
		info := certInfo(leaf, fp, err.Error())
		if cfg.ConfirmCertificate != nil && cfg.ConfirmCertificate(info) {
			accepted = fp
			return nil
		}
		return &UntrustedCertificateError{Info: info}
	}
	return tc
}

func certInfo(c *x509.Certificate, fp, reason string) CertInfo {
	return CertInfo{
		Subject:  c.Subject.String(),
		Issuer:   c.Issuer.String(),
		NotAfter: c.NotAfter,
		DNSNames: c.DNSNames,
		SHA256:   fp,
		Reason:   reason,
	}
}

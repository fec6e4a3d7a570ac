package ftpclient

import (
	"crypto/tls"
	"errors"
	"exchange/transport"
)

// The certificate's description and fingerprints are the transport's.
type (
	CertInfo                  = transport.CertInfo
	UntrustedCertificateError = transport.UntrustedCertificateError
)

// Fingerprint returns the SHA-256 of a DER certificate as upper-case hex with colons.
func Fingerprint(der []byte) string { return transport.Fingerprint(der) }

// NormalizeFingerprint strips colons, spaces and case so fingerprints compare.
func NormalizeFingerprint(fp string) string { return transport.NormalizeFingerprint(fp) }

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
		fp := Fingerprint(cs.PeerCertificates[0].Raw)
		if accepted != "" && NormalizeFingerprint(accepted) == NormalizeFingerprint(fp) {
			return nil
		}
		if err := transport.VerifyCertificate(cfg, cs.PeerCertificates); err != nil {
			return err
		}
		accepted = fp
		return nil
	}
	return tc
}

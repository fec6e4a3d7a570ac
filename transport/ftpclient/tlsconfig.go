package ftpclient

import (
	"crypto/tls"
	"errors"

	"exchange/transport"
)

// newTLSConfig returns the TLS configuration of ONE control connection and its
// data connections. It has its own session cache and a fixed ServerName, so
// that data connections resume the control connection's TLS session (vsftpd
// require_ssl_reuse, proftpd): the cache is keyed by ServerName, and a cache
// shared by parallel connections would resume the wrong session.
func newTLSConfig(cfg *transport.Config) *tls.Config {
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
		fp := transport.Fingerprint(cs.PeerCertificates[0].Raw)
		if accepted != "" && transport.NormalizeFingerprint(accepted) == transport.NormalizeFingerprint(fp) {
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

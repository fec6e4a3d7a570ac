package ftpclient

import (
	"context"
	"crypto/tls"
	"fmt"
	"strings"
	"sync"

	"exchange/transport"
)

// jlaffaye/ftp has no way to send a command it does not know (HASH, XSHA256,
// XMD5, XCRC), so a passive session asks for checksums on a second control
// connection of Exchange's own client (the one active mode uses; no data
// connection is ever opened on it). It is opened on the first Hash call, when
// the FEAT reply offers a checksum command, and kept for the session's life.
// Over TLS it trusts exactly the certificate the first connection accepted,
// so no second trust question is asked.

// hashCommands are the FEAT entries of checksum commands.
var hashCommands = []string{"HASH", "XSHA256", "XSHA1", "XMD5", "XCRC"}

// offersHash reports whether a FEAT reply offers a checksum command.
func offersHash(features map[string]string) bool {
	for _, c := range hashCommands {
		if _, ok := features[c]; ok {
			return true
		}
	}
	return false
}

// acceptedCert remembers the fingerprint of the certificate a TLS
// configuration accepted.
type acceptedCert struct {
	mu sync.Mutex
	fp string
}

// watch makes tc record the certificate it accepts.
func (a *acceptedCert) watch(tc *tls.Config) {
	verify := tc.VerifyConnection
	tc.VerifyConnection = func(cs tls.ConnectionState) error {
		err := verify(cs)
		if err == nil && len(cs.PeerCertificates) > 0 {
			a.mu.Lock()
			a.fp = transport.Fingerprint(cs.PeerCertificates[0].Raw)
			a.mu.Unlock()
		}
		return err
	}
}

func (a *acceptedCert) get() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.fp
}

// hashSide is the checksum connection of a passive session.
type hashSide struct {
	cfg      transport.Config
	accepted *acceptedCert
	sess     transport.Session
	failed   error // the side connection could not be opened: no more tries
}

// hash asks the side connection for a checksum of p, opening it first.
func (h *hashSide) hash(features map[string]string, p string) (string, string, error) {
	if !offersHash(features) {
		return "", "", transport.ErrNotSupported
	}
	if h.failed != nil {
		return "", "", h.failed
	}
	if h.sess == nil {
		cfg := h.cfg
		cfg.Mode = transport.Active // Exchange's own client; it will open no data connection
		if cfg.TLS != transport.TLSNone {
			cfg.PinnedSHA256, cfg.ConfirmCertificate = h.accepted.get(), nil
		}
		sess, err := dialActive(context.Background(), cfg)
		if err != nil {
			// A server may allow no second connection: the size check stands.
			h.failed = fmt.Errorf("%w: the second connection for checksums failed: %v", transport.ErrNotSupported, err)
			if cfg.Log != nil {
				cfg.Log("checksum connection: " + strings.ReplaceAll(err.Error(), "\n", " "))
			}
			return "", "", h.failed
		}
		h.sess = sess
	}
	algo, sum, err := h.sess.Hash(p)
	if err != nil && transport.ClassOf(err) == transport.ClassRetryable {
		h.close() // broken: the next call opens a new one
	}
	return algo, sum, err
}

func (h *hashSide) close() {
	if h.sess != nil {
		_ = h.sess.Quit()
		h.sess = nil
	}
}

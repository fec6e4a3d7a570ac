package selfsigned

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"strings"
	"testing"
)

func TestCertificateVerifiesForLoopbackAndHasItsFingerprint(t *testing.T) {
	c, err := New("test")
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(c.TLS.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"127.0.0.1", "localhost"} {
		if _, err := leaf.Verify(x509.VerifyOptions{Roots: c.Pool, DNSName: name}); err != nil {
			t.Errorf("does not verify for %s: %v", name, err)
		}
	}
	sum := sha256.Sum256(c.TLS.Certificate[0])
	if got := strings.ReplaceAll(strings.ToLower(c.SHA256), ":", ""); got != hex.EncodeToString(sum[:]) {
		t.Errorf("fingerprint %s does not match the certificate", c.SHA256)
	}
}

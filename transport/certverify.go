package transport

import "crypto/x509"

// VerifyCertificate decides, as every protocol with TLS does, whether the
// server's certificate chain (leaf first) may be trusted under cfg: when the
// profile pins a fingerprint, exactly that certificate; otherwise one signed
// by cfg.RootCAs (the system's roots when nil) for cfg.Host, or one the
// person confirms (cfg.ConfirmCertificate). It returns nil or an
// *UntrustedCertificateError that says why, with the fingerprint.
func VerifyCertificate(cfg *Config, chain []*x509.Certificate) error {
	leaf := chain[0]
	if cfg.PinnedSHA256 != "" {
		if NormalizeFingerprint(cfg.PinnedSHA256) == NormalizeFingerprint(Fingerprint(leaf.Raw)) {
			return nil
		}
		return &UntrustedCertificateError{Info: DescribeCertificate(leaf, "its fingerprint does not match the pinned one: the certificate changed, or this is not the expected server")}
	}
	opts := x509.VerifyOptions{Roots: cfg.RootCAs, DNSName: cfg.Host, Intermediates: x509.NewCertPool()}
	for _, c := range chain[1:] {
		opts.Intermediates.AddCert(c)
	}
	_, err := leaf.Verify(opts)
	if err == nil {
		return nil
	}
	info := DescribeCertificate(leaf, err.Error())
	if cfg.ConfirmCertificate != nil && cfg.ConfirmCertificate(info) {
		return nil
	}
	return &UntrustedCertificateError{Info: info}
}

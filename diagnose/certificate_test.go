package diagnose

import (
	"context"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/profile"
	"exchange/transport"
)

func stepOf(res Result, name string) Step {
	for _, s := range res.Steps {
		if s.Name == name {
			return s
		}
	}
	return Step{}
}

// A real FTPS server with a self-signed certificate that the profile does
// not pin: the TLS step itself says the certificate is not trusted, with its
// fingerprint (it once said OK, and the login step failed instead), and the
// result names the fingerprint for the window's "Trust this certificate".
func TestUntrustedCertificateFailsAtTheTLSStep(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{TLS: transport.TLSExplicit})
	cases := []struct {
		name, pin, reason string
	}{
		{"no pin", "", "not trusted"},
		{"another pin", strings.Repeat("AB:", 31) + "AB", "does not match the pinned one"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := profile.Profile{Name: "x", Host: srv.Host, Port: srv.Port, User: srv.User, TLS: "explicit", PinnedSHA256: c.pin}
			res := Run(context.Background(), p, srv.Password, Options{Timeout: ftptest.Scaled(30 * time.Second)})
			st := stepOf(res, stepTLS)
			if st.Status != Failed || !strings.Contains(st.Detail, c.reason) || !strings.Contains(st.Detail, srv.Fingerprint) {
				t.Errorf("TLS step = %+v; want failed, saying %q and the fingerprint %s", st, c.reason, srv.Fingerprint)
			}
			if s := stepOf(res, stepLogin); s.Status != Skipped {
				t.Errorf("login step = %+v; want skipped after the certificate", s)
			}
			if !strings.Contains(res.Verdict, "certificate is not trusted") || !strings.Contains(res.Verdict, srv.Fingerprint) {
				t.Errorf("verdict %q does not say the certificate is not trusted, with its fingerprint", res.Verdict)
			}
			if res.UntrustedCertificate != srv.Fingerprint {
				t.Errorf("UntrustedCertificate = %q, want the server's fingerprint %s", res.UntrustedCertificate, srv.Fingerprint)
			}
			if res.Certificate == nil || res.Certificate.SHA256 != srv.Fingerprint {
				t.Errorf("certificate = %+v", res.Certificate)
			}
		})
	}
	t.Run("pinned", func(t *testing.T) {
		p := profile.Profile{Name: "x", Host: srv.Host, Port: srv.Port, User: srv.User, TLS: "explicit", PinnedSHA256: srv.Fingerprint}
		res := Run(context.Background(), p, srv.Password, Options{Timeout: ftptest.Scaled(30 * time.Second)})
		if st := stepOf(res, stepTLS); st.Status != OK || !strings.Contains(st.Detail, srv.Fingerprint) {
			t.Errorf("TLS step with the right pin = %+v", st)
		}
		if res.UntrustedCertificate != "" || !res.PassiveOK {
			t.Errorf("pinned: UntrustedCertificate %q, passive ok %v, verdict %q", res.UntrustedCertificate, res.PassiveOK, res.Verdict)
		}
	})
}

package diagnose

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"exchange/transport"
)

func TestOfficeHintSessionResumptionRequired(t *testing.T) {
	refused := &transport.Error{Op: "STOR x", Code: 522, Reply: "SSL connection failed: session reuse required"}
	r := &run{}
	r.res.Verdict = "The login works, but the test uploads failed in both modes."
	r.officeHints(refused, refused, transport.Config{TLS: transport.TLSExplicit})
	if !strings.Contains(r.res.Verdict, "requires TLS session resumption") || !strings.Contains(r.res.Verdict, "session reuse required") ||
		!strings.Contains(r.res.Advice, "require_ssl_reuse") {
		t.Errorf("verdict %q advice %q", r.res.Verdict, r.res.Advice)
	}
	other := &transport.Error{Op: "STOR x", Code: 425, Reply: "Can't open data connection"}
	r = &run{}
	r.officeHints(other, other, transport.Config{TLS: transport.TLSExplicit})
	if strings.Contains(r.res.Verdict, "resumption") {
		t.Errorf("a plain 425 taken for a resumption refusal: %q", r.res.Verdict)
	}
}

func TestOfficeHintWindowsStatefulFTP(t *testing.T) {
	timedOut := fmt.Errorf("STOR x: %w", os.ErrDeadlineExceeded)
	defer func(old bool) { onWindows = old }(onWindows)
	for _, windows := range []bool{true, false} {
		onWindows = windows
		r := &run{}
		r.officeHints(timedOut, timedOut, transport.Config{TLS: transport.TLSExplicit})
		if got := strings.Contains(r.res.Advice, statefulFTPFix); got != windows {
			t.Errorf("on Windows %v: advice %q", windows, r.res.Advice)
		}
	}
	r := &run{}
	onWindows = true
	r.officeHints(timedOut, timedOut, transport.Config{TLS: transport.TLSNone})
	if r.res.Advice != "" {
		t.Errorf("plain FTP got the FTPS firewall advice: %q", r.res.Advice)
	}
}

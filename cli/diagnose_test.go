package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"exchange/localserver"
)

func TestDiagnoseCommand(t *testing.T) {
	srv, err := localserver.Start(localserver.Options{Dir: t.TempDir(), User: "clerk", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	t.Setenv("EXCHANGE_PASSWORD", "pw")
	url := fmt.Sprintf("ftp://clerk@127.0.0.1:%d/", srv.Port())
	var out bytes.Buffer
	if code := Run([]string{"diagnose", "--server", url}, nil, &out, &out); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, out.String())
	}
	if !strings.Contains(out.String(), "Everything works") || strings.Contains(out.String(), "FAILED") {
		t.Errorf("output:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "Files will land in the login folder (/) on the server.") {
		t.Errorf("the output does not say where files land:\n%s", out.String())
	}
	out.Reset()
	t.Setenv("EXCHANGE_PASSWORD", "nope")
	bad := url
	if code := Run([]string{"diagnose", "--json", "--server", bad}, nil, &out, &out); code != ExitFailed {
		t.Fatalf("wrong password: exit %d\n%s", code, out.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var last map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, out.String())
	}
	if !strings.Contains(fmt.Sprint(last["verdict"]), "refused the user name or password") {
		t.Errorf("verdict = %v", last["verdict"])
	}
	if code := Run([]string{"diagnose"}, nil, &out, &out); code != ExitUsage {
		t.Errorf("no target: exit %d", code)
	}
}

// TestDiagnoseJSONNamesTheUntrustedCertificate: an administrator's script
// reads the fingerprint to pin from the last JSON line, as the window's
// "Trust this certificate" does from the same result.
func TestDiagnoseJSONNamesTheUntrustedCertificate(t *testing.T) {
	srv, err := localserver.Start(localserver.Options{Dir: t.TempDir(), User: "clerk", Password: "pw", TLS: localserver.TLSExplicit})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	t.Setenv("EXCHANGE_PASSWORD", "pw")
	var out bytes.Buffer
	url := fmt.Sprintf("ftpes://clerk@127.0.0.1:%d/", srv.Port())
	if code := Run([]string{"diagnose", "--json", "--server", url}, nil, &out, &out); code != ExitFailed {
		t.Fatalf("an untrusted certificate: exit %d\n%s", code, out.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var last map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, out.String())
	}
	if got := fmt.Sprint(last["untrusted_certificate"]); !strings.EqualFold(got, srv.Fingerprint()) {
		t.Errorf("untrusted_certificate = %q, want the server's %q\n%s", got, srv.Fingerprint(), out.String())
	}
}

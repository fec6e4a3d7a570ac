//go:build unix

package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/internal/ftptest"
	"exchange/transport"
	"exchange/validate/al3/al3gen"
)

// adminPolicies writes the machine-wide file with these policies.
func adminPolicies(t *testing.T, policies string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "profiles.json")
	if err := os.WriteFile(f, []byte(`{"policies":`+policies+`}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EXCHANGE_MACHINE_PROFILES", f)
}

func TestPolicyRequireSecureRefusesPlainFTP(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{TLS: transport.TLSExplicit})
	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	adminPolicies(t, `{"require_secure":true}`)
	path := writeFile(t, t.TempDir(), "A.AL3", al3gen.Valid(al3gen.CRLF))
	code, out, errOut := run("upload", "--state", t.TempDir(), "--server", fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port), path)
	if code != ExitFailed || !strings.Contains(out, "requires an encrypted connection") {
		t.Errorf("plain FTP: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(srv.Path("A.AL3")); err == nil {
		t.Error("the file was sent in plain FTP")
	}
	code, out, errOut = run("upload", "--state", t.TempDir(), "--tls-fingerprint", srv.Fingerprint,
		"--server", fmt.Sprintf("ftpes://%s@127.0.0.1:%d/", srv.User, srv.Port), path)
	if code != ExitOK {
		t.Errorf("explicit FTPS: exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestPolicyForcedDuplicatePolicyOverridesTheFlag(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	adminPolicies(t, `{"duplicates":"skip"}`)
	state, path := t.TempDir(), writeFile(t, t.TempDir(), "A.AL3", al3gen.Valid(al3gen.CRLF))
	server := fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port)
	if code, out, errOut := run("upload", "--state", state, "--server", server, path); code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut := run("upload", "--state", state, "--server", server, "--send-duplicates", path)
	if code != ExitOK || !strings.Contains(out, "already sent") {
		t.Errorf("--send-duplicates under a forced skip: exit %d\n%s\n%s", code, out, errOut)
	}
	entries, _ := os.ReadDir(srv.Dir)
	if len(entries) != 1 {
		t.Errorf("the server has %d files, want 1", len(entries))
	}
}

func TestPolicyRequireAuditRefusesToSendWithoutIt(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	notAFolder := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notAFolder, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	adminPolicies(t, fmt.Sprintf(`{"require_audit":true,"audit_dir":%q}`, filepath.Join(notAFolder, "audit")))
	path := writeFile(t, t.TempDir(), "A.AL3", al3gen.Valid(al3gen.CRLF))
	code, out, errOut := run("upload", "--state", t.TempDir(), "--server", fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port), path)
	if code != ExitUsage || !strings.Contains(errOut, "requires the audit trail") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(srv.Path("A.AL3")); err == nil {
		t.Error("the file was sent without the audit trail")
	}
	// Not required: the upload goes on with a note.
	adminPolicies(t, fmt.Sprintf(`{"audit_dir":%q}`, filepath.Join(notAFolder, "audit")))
	code, out, errOut = run("upload", "--state", t.TempDir(), "--server", fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port), path)
	if code != ExitOK || !strings.Contains(errOut, "sent without it") {
		t.Errorf("optional trail: exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestPolicyDisableBuiltInServerAndLockProfiles(t *testing.T) {
	adminPolicies(t, `{"disable_builtin_server":true,"lock_profiles":true}`)
	code, _, errOut := run("serve", "--port", "0", "--dir", t.TempDir())
	if code != ExitUsage || !strings.Contains(errOut, "disabled by your administrator") {
		t.Errorf("serve: exit %d %s", code, errOut)
	}
	state := t.TempDir()
	code, _, errOut = run("profiles", "--state", state, "add", "Mine", "--server", "ftp://me@ftp.example/")
	if code != ExitFailed || !strings.Contains(errOut, "set by your administrator") {
		t.Errorf("profiles add: exit %d %s", code, errOut)
	}
	_, out, _ := run("profiles", "--state", state, "list")
	if strings.Contains(out, "Local test server") {
		t.Errorf("the disabled built-in server is listed:\n%s", out)
	}
}

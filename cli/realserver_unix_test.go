//go:build unix

package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"exchange/internal/ftptest"
	"exchange/uploader"
	"exchange/validate/al3/al3gen"
)

// Tests against a real server (internal/ftptest, which runs on Unix only).

// A file with an ESC sequence in its name, sent for real: the upload lines
// and the history show it escaped; history --json keeps it exact.
func TestUploadAndHistoryEscapeHostileNames(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	state, dir := t.TempDir(), t.TempDir()
	name := "evil\x1b]0;pwned\x07\x1b[2J.al3"
	path := writeFile(t, dir, name, al3gen.Valid(al3gen.CRLF))
	server := fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port)
	code, out, errOut := run("upload", "--state", state, "--server", server, path)
	if rawControl(out+errOut) >= 0 {
		t.Errorf("upload wrote a raw control character:\n%s\n%s", out, errOut)
	}
	if !strings.Contains(out, safeName(name)) {
		t.Errorf("upload output (exit %d) does not name the file escaped:\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run("history", "--state", state)
	if code != ExitOK || !strings.Contains(out, safeName(path)) || rawControl(out+errOut) >= 0 {
		t.Errorf("history: exit %d\n%q\n%s", code, out, errOut)
	}
	_, out, _ = run("history", "--json", "--state", state)
	var h uploader.HistoryEntry
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &h); err != nil || h.Path != path || rawControl(out) >= 0 {
		t.Errorf("history --json: %v, path %q, want %q", err, h.Path, path)
	}
}

// A wrong password with --server, against a real server: the last word
// points at --server and EXCHANGE_PASSWORD, not at a profile.
func TestWrongPasswordWithServerFlagHint(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	t.Setenv("EXCHANGE_PASSWORD", "not-"+srv.Password)
	path := writeFile(t, t.TempDir(), "A.AL3", al3gen.Valid(al3gen.CRLF))
	code, out, errOut := run("upload", "--state", t.TempDir(), "--server", fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port), path)
	if code != ExitFailed || !strings.Contains(out, "FAILED") || !strings.Contains(out, "--server") || strings.Contains(out, "profile") ||
		strings.Contains(out, "will try again") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}

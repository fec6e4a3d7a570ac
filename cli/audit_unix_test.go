//go:build unix

package cli

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"exchange/audit"
	"exchange/internal/ftptest"
	"exchange/validate/al3/al3gen"
)

// A batch with a sent, an invalid, a duplicate-skipped and a failed file
// leaves exactly one correct line for each decision in the audit trail.
func TestAuditTrailHasOneLinePerDecision(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	auditDir, state, dir := t.TempDir(), t.TempDir(), t.TempDir()
	t.Setenv(audit.DirVariable, auditDir)
	server := fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port)
	good := al3gen.Valid(al3gen.CRLF)
	sent := writeFile(t, dir, "SENT.AL3", good)
	invalid := writeFile(t, dir, "BAD.AL3", []byte("this is not AL3\r\n"))
	failed := writeFile(t, dir, "FAIL.AL3", append(append([]byte{}, good...), good...))

	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	if code, out, errOut := run("upload", "--state", state, "--server", server, sent, invalid); code != ExitFailed {
		t.Fatalf("first run: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run("upload", "--state", state, "--server", server, sent); code != ExitOK || !strings.Contains(out, "already sent") {
		t.Fatalf("the duplicate: exit %d\n%s\n%s", code, out, errOut)
	}
	t.Setenv("EXCHANGE_PASSWORD", "wrong-"+srv.Password)
	if code, out, errOut := run("upload", "--state", state, "--server", server, failed); code != ExitFailed {
		t.Fatalf("the failure: exit %d\n%s\n%s", code, out, errOut)
	}

	records, bad, err := audit.Read(auditDir, time.Time{}, time.Time{})
	if err != nil || len(bad) > 0 {
		t.Fatalf("read: %v, bad lines %v", err, bad)
	}
	want := []struct{ path, outcome, reason string }{
		{sent, audit.Sent, ""}, {invalid, audit.Invalid, "error"}, {sent, audit.Skipped, "already sent"}, {failed, audit.Failed, "530"},
	}
	if len(records) != len(want) {
		t.Fatalf("%d records, want %d: %+v", len(records), len(want), records)
	}
	// The first run decides its two files in either order.
	if records[0].Outcome == audit.Invalid {
		records[0], records[1] = records[1], records[0]
	}
	for i, w := range want {
		r := records[i]
		raw, _ := os.ReadFile(w.path)
		sum := sha256.Sum256(raw)
		if r.Path != w.path || r.Outcome != w.outcome || !strings.Contains(r.Reason, w.reason) || r.Size != int64(len(raw)) ||
			r.SHA256 != hex.EncodeToString(sum[:]) || r.Server != fmt.Sprintf("127.0.0.1:%d", srv.Port) || r.Profile == "" ||
			r.User == "" || r.Machine == "" || time.Since(r.Time) > time.Hour {
			t.Errorf("record %d: %+v\nwant %s %s (reason with %q), size %d", i, r, w.outcome, w.path, w.reason, len(raw))
		}
	}
	if records[0].RemotePath == "" || records[2].RemotePath != records[0].RemotePath {
		t.Errorf("remote paths: sent to %q, the duplicate names %q", records[0].RemotePath, records[2].RemotePath)
	}

	// exchange history --csv: this user's history (the duplicate left no
	// entry there), and --audit: the trail, both for a date range.
	today, tomorrow := time.Now().Format("2006-01-02"), time.Now().AddDate(0, 0, 1).Format("2006-01-02")
	rows := func(args ...string) [][]string {
		t.Helper()
		code, out, errOut := run(append([]string{"history", "--csv", "--state", state}, args...)...)
		if code != ExitOK {
			t.Fatalf("history --csv %v: exit %d\n%s", args, code, errOut)
		}
		all, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("history --csv %v: %v\n%s", args, err, out)
		}
		return all
	}
	if got := rows("--since", today, "--until", today); len(got) != 4 || got[0][1] != "outcome" {
		t.Errorf("history --csv: %q", got)
	}
	if got := rows("--audit", "--since", today); len(got) != 5 || got[0][0] != "time" || got[4][9] != audit.Failed {
		t.Errorf("history --csv --audit: %q", got)
	}
	if got := rows("--audit", "--since", tomorrow); len(got) != 1 {
		t.Errorf("history --csv --audit --since tomorrow: %q", got)
	}
	if code, _, errOut := run("history", "--csv", "--since", "yesterday"); code != ExitUsage || !strings.Contains(errOut, "is not a date") {
		t.Errorf("a bad date: exit %d %s", code, errOut)
	}
}

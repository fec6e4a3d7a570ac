package desktop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"exchange/audit"
	"exchange/logfile"
	"exchange/uploader"
	"exchange/validate/al3/al3gen"
)

// A file dropped on the window and sent is one line in the audit trail and
// a decision in the log file (the protocol too at debug level, without the
// password).
func TestJourneySentFileIsAuditedAndLogged(t *testing.T) {
	j := newJourney(t, nil)
	t.Setenv(logfile.LevelVariable, "debug")
	j.open()
	f := filepath.Join(t.TempDir(), "audited.al3")
	if err := os.WriteFile(f, al3gen.Valid(al3gen.CRLF), 0o644); err != nil {
		t.Fatal(err)
	}
	j.drop(f)
	j.waitState(f, uploader.EventDone)
	j.d.Close()
	j.d = nil

	records, bad, err := audit.Read(os.Getenv(audit.DirVariable), time.Time{}, time.Time{})
	if err != nil || len(bad) > 0 || len(records) != 1 || records[0].Path != f || records[0].Outcome != audit.Sent ||
		records[0].Server == "" || records[0].SHA256 == "" {
		t.Fatalf("audit: %+v, bad %v, %v", records, bad, err)
	}
	raw, err := os.ReadFile(filepath.Join(os.Getenv(logfile.DirVariable), logfile.FileName))
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	if !strings.Contains(log, "msg=sent") || !strings.Contains(log, "PASS ****") || strings.Contains(log, "exchange-local") {
		t.Errorf("log file:\n%s", log)
	}
}

// With an audit trail the administrator requires and that cannot be
// written, a dropped file is refused before anything is sent, and says why.
func TestJourneyRequiredAuditThatCannotBeWrittenRefusesToSend(t *testing.T) {
	j := newJourney(t, nil)
	notAFolder := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notAFolder, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	policies := `{"policies":{"require_audit":true,"audit_dir":"` + filepath.ToSlash(filepath.Join(notAFolder, "audit")) + `"}}`
	if err := os.WriteFile(os.Getenv("EXCHANGE_MACHINE_PROFILES"), []byte(policies), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(audit.DirVariable, "") // the policy's folder, not the harness's
	j.open()
	j.answer("requires the audit trail", "OK")
	f := filepath.Join(t.TempDir(), "unaudited.al3")
	if err := os.WriteFile(f, al3gen.Valid(al3gen.CRLF), 0o644); err != nil {
		t.Fatal(err)
	}
	j.drop(f)
	j.waitState(f, uploader.EventFailed)
	if n := filesIn(t, j.inbox); n != 0 {
		t.Fatalf("the inbox holds %d files, want none", n)
	}
	items := j.items(f)
	if len(items) == 0 || !strings.Contains(items[len(items)-1].Err, "requires the audit trail") {
		t.Fatalf("items: %+v", items)
	}
}

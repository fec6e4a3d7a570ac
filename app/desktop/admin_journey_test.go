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

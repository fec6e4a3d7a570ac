package audit

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"exchange/internal/testwait"
)

const childDirEnv = "EXCHANGE_AUDIT_TEST_CHILD_DIR"

// TestMain: as a child, append records until killed.
func TestMain(m *testing.M) {
	if dir := os.Getenv(childDirEnv); dir != "" {
		t, err := Open(Options{Dir: dir, MaxSizeMB: 1, Keep: 50})
		if err != nil {
			os.Exit(3)
		}
		reason := strings.Repeat("a long reason ", 150) // ~2 kB lines
		for i := 0; ; i++ {
			_ = t.Append(Record{Path: "/files/x.al3", Size: int64(i), Outcome: Sent, Reason: reason})
		}
	}
	os.Exit(m.Run())
}

func TestAppendAndRead(t *testing.T) {
	dir := t.TempDir()
	tr, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i, outcome := range []string{Sent, Invalid, Skipped, Failed} {
		if err := tr.Append(Record{Time: base.Add(time.Duration(i) * time.Hour), Path: "/in/f.al3", Size: 10, SHA256: "ab",
			Profile: "Carrier", Server: "ftp.example:21", Outcome: outcome, Reason: "r"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tr.Close(); err != nil {
		t.Fatal(err)
	}
	all, bad, err := Read(dir, time.Time{}, time.Time{})
	if err != nil || len(bad) > 0 || len(all) != 4 {
		t.Fatalf("read %d records, bad %v, %v", len(all), bad, err)
	}
	if all[0].User == "" || all[0].Machine == "" || all[0].Outcome != Sent || all[3].Outcome != Failed {
		t.Fatalf("records: %+v", all)
	}
	some, _, _ := Read(dir, base.Add(time.Hour), base.Add(3*time.Hour))
	if len(some) != 2 || some[0].Outcome != Invalid || some[1].Outcome != Skipped {
		t.Fatalf("since/until: %+v", some)
	}
}

func TestCSVHasAHeaderAndDisarmsFormulas(t *testing.T) {
	var b bytes.Buffer
	err := WriteCSV(&b, []Record{{Time: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), User: "clerk", Path: "=HYPERLINK(\"x\").al3",
		Size: 5, Outcome: Sent, Reason: "a, \"quoted\" reason"}})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v %v", rows, err)
	}
	if strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Errorf("header %v", rows[0])
	}
	if rows[1][0] != "2026-03-01T09:00:00Z" || rows[1][3] != "'=HYPERLINK(\"x\").al3" || rows[1][10] != "a, \"quoted\" reason" {
		t.Errorf("row %q", rows[1])
	}
}

func TestRotationKeepsNFiles(t *testing.T) {
	dir := t.TempDir()
	tr, err := Open(Options{Dir: dir, MaxSizeMB: 1, Keep: 2})
	if err != nil {
		t.Fatal(err)
	}
	reason := strings.Repeat("x", 4000)
	for range 1100 { // 4.4 MB: four rotations
		if err := tr.Append(Record{Path: "/f", Outcome: Sent, Reason: reason}); err != nil {
			t.Fatal(err)
		}
	}
	_ = tr.Close()
	deadline := time.Now().Add(testwait.Scaled(5 * time.Second))
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "audit*.jsonl"))
		if len(files) == 3 { // the current file and 2 rotated ones (removed in the background)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("files: %v, want the current and 2 rotated", files)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestOpenFailsWhenTheFolderCannotBeWritten(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(Options{Dir: filepath.Join(file, "audit")})
	if err == nil || !strings.Contains(err.Error(), "the audit trail cannot be written") {
		t.Fatalf("err = %v", err)
	}
}

// After kill -9 in the middle of appending (and rotating), every line of
// every file is a whole record.
func TestKilledWriterLeavesNoTornLine(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childDirEnv+"="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(testwait.Scaled(20 * time.Second))
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "audit*.jsonl"))
		if len(files) >= 2 { // it rotated at least once: over 1 MB written
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatal("the child did not write 1 MB")
		}
		time.Sleep(10 * time.Millisecond)
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	records, bad, err := Read(dir, time.Time{}, time.Time{})
	if err != nil || len(bad) > 0 || len(records) < 400 {
		t.Fatalf("%d records, torn lines %v, %v", len(records), bad, err)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, FileName))
	if len(raw) > 0 && raw[len(raw)-1] != '\n' {
		t.Fatalf("the current file ends in the middle of a line: ...%q", raw[max(0, len(raw)-80):])
	}
	t.Logf("%d whole records after kill -9", len(records))
}

//go:build unix

package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/uploader"
	"exchange/validate/al3/al3gen"
)

// Before: `exchange upload ... | head -1` died of SIGPIPE (rc 141) between a
// file reaching the server and its journal entry (and, here, as soon as the
// first file was on the server). Now the batch goes on to
// the end, the journal and history have every file, and the command exits 2
// saying standard output was closed.
func TestUploadWithStdoutClosedByItsReader(t *testing.T) {
	const files = 12
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	dir, state := t.TempDir(), t.TempDir()
	var paths []string
	for i := range files {
		paths = append(paths, writeFile(t, dir, fmt.Sprintf("F%02d.AL3", i), al3gen.Valid(al3gen.CRLF)))
	}
	args := append([]string{"upload", "--state", state, "--connections", "2", "--send-duplicates",
		"--server", fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port)}, paths...)
	cmd := exchangeCommand(t, []string{"EXCHANGE_PASSWORD=" + srv.Password}, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	// What `head -1` does once it has its line: close the pipe. Closed here
	// before the child writes its first line ("sent F00.AL3 ...", written
	// once that file is on the server and before the batch ends), so that
	// every line meets a closed pipe, whatever the speed of the machine.
	stdout.(*os.File).Close()
	code, _ := exitCode(t, cmd, time.Now()) // fails the test if SIGPIPE killed it
	t.Logf("exit %d; stderr:\n%s", code, stderr.String())
	if code != ExitUsage || !strings.Contains(stderr.String(), "standard output was closed") {
		t.Errorf("exit %d, want %d with a message saying stdout was closed; stderr:\n%s", code, ExitUsage, stderr.String())
	}
	if q := queuedIn(t, state); len(q) != 0 {
		t.Errorf("files left unfinished in the journal: %v", q)
	}
	code, out, errOut := run("history", "--json", "--limit", "0", "--state", state)
	if code != ExitOK {
		t.Fatalf("history: exit %d: %s", code, errOut)
	}
	sent := 0
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var h uploader.HistoryEntry
		if err := json.Unmarshal([]byte(l), &h); err != nil {
			t.Fatalf("history line %q: %v", l, err)
		}
		if h.Outcome == uploader.OutcomeSent {
			sent++
		}
	}
	if sent != files {
		t.Errorf("%d files sent in the history, want %d:\n%s", sent, files, out)
	}
	entries, _ := os.ReadDir(srv.Dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != files || strings.Contains(strings.Join(names, " "), ".exchange-part") {
		t.Errorf("on the server: %v", names)
	}
}

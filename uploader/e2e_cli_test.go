package uploader_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"exchange/uploader"

	"exchange/internal/wine"
)

// buildExchange builds the command-line binary into a temporary folder.
func buildExchange(t *testing.T) string {
	t.Helper()
	wine.SkipUnder(t, "it builds exchange with the go command, a Linux program on this machine")
	bin := filepath.Join(t.TempDir(), "exchange")
	out, err := exec.Command("go", "build", "-o", bin, "exchange/cmd/exchange").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func sleep(d time.Duration) bool {
	time.Sleep(d)
	return true
}

// partialTemp waits up to a few seconds for a temporary file of more than
// least bytes in dir, and reports whether one appeared.
func partialTemp(dir string, least int64) bool {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if info, err := e.Info(); err == nil && strings.HasSuffix(e.Name(), ".exchange-part") && info.Size() > least {
				return true
			}
		}
	}
	return false
}

func TestEndToEndKillDuringUploadThenRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and moves 16 MB; skipped with -short")
	}
	bin := buildExchange(t)
	root := t.TempDir()
	srv := startTestFTP(t, root)
	srv.throttle.Store(4 << 20)
	local, state := t.TempDir(), t.TempDir()
	files := map[string][]byte{}
	sizes := map[string]int64{}
	for i := range 8 {
		name := fmt.Sprintf("download-%d.al3", i)
		files[name] = validAL3(100+i, 2<<20)
		sizes[name] = int64(len(files[name]))
	}
	paths := writeFiles(t, local, files)
	watch := watchFinalNames(filepath.Join(root, "in"), sizes)
	args := append([]string{"upload", "--json", "--state", state, "--connections", "2",
		"--server", fmt.Sprintf("ftp://clerk@127.0.0.1:%d/in", srv.port)}, paths...)
	env := append(os.Environ(), "EXCHANGE_PASSWORD=secret")

	// First run: killed with SIGKILL once one file is done and another is half way.
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := make(chan struct{})
	go func() {
		defer close(killed)
		sc := bufio.NewScanner(stdout)
		done := 0
		for sc.Scan() {
			var e uploader.Event
			if json.Unmarshal(sc.Bytes(), &e) != nil {
				continue
			}
			if e.Kind == uploader.EventDone {
				done++
			}
			// Let the first files' records reach the journal, then kill while
			// the next ones are half way.
			if done >= 1 && sleep(300*time.Millisecond) && partialTemp(filepath.Join(root, "in"), 256<<10) {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
		for sc.Scan() {
		}
	}()
	select {
	case <-killed:
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("first run never reached the kill point; stderr: %s", stderr.String())
	}
	_ = cmd.Wait()
	if cmd.ProcessState.ExitCode() != -1 {
		t.Fatalf("first run was not killed (exit %d): it finished too fast to test", cmd.ProcessState.ExitCode())
	}
	temps := 0
	entries, _ := os.ReadDir(filepath.Join(root, "in"))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".exchange-part") {
			temps++
		}
	}
	if temps == 0 {
		t.Fatal("no temporary file after the kill: nothing to resume")
	}

	// Second run: the same command finishes the batch.
	srv.throttle.Store(0)
	cmd = exec.Command(bin, args...)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	watch.finish(t)
	checkArrived(t, filepath.Join(root, "in"), files)
	var resumed, already int
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var e uploader.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		switch {
		case e.Kind == uploader.EventFailed || e.Kind == uploader.EventInvalid:
			t.Errorf("second run: %+v", e)
		case e.Kind == uploader.EventSkipped && strings.Contains(e.Note, "already sent"):
			already++
		case e.Kind == uploader.EventUploading && strings.Contains(e.Note, "resuming"):
			resumed++
		}
	}
	if already == 0 || resumed == 0 {
		t.Errorf("second run: %d reported as already sent, %d resumed; want both > 0\n%s", already, resumed, out)
	}

	hist, err := exec.Command(bin, "history", "--json", "--limit", "0", "--state", state).Output()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(hist)), "\n") {
		var h uploader.HistoryEntry
		if err := json.Unmarshal([]byte(line), &h); err != nil {
			t.Fatalf("history line %q: %v", line, err)
		}
		if h.Outcome != uploader.OutcomeSent {
			t.Errorf("history: %+v", h)
		}
		count[filepath.Base(h.Path)]++
	}
	for name := range files {
		if count[name] != 1 {
			t.Errorf("history shows %s %d times, want once", name, count[name])
		}
	}
}

func TestEndToEndInterruptLeavesTemporaryFilesForResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := buildExchange(t)
	root := t.TempDir()
	srv := startTestFTP(t, root)
	srv.throttle.Store(2 << 20)
	local, state := t.TempDir(), t.TempDir()
	files := map[string][]byte{"big.al3": validAL3(200, 8<<20)}
	paths := writeFiles(t, local, files)
	args := append([]string{"upload", "--state", state, "--server", fmt.Sprintf("ftp://clerk@127.0.0.1:%d/in", srv.port)}, paths...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "EXCHANGE_PASSWORD=secret")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if !partialTemp(filepath.Join(root, "in"), 1<<20) {
		_ = cmd.Process.Kill()
		t.Fatal("the upload never got going")
	}
	_ = cmd.Process.Signal(os.Interrupt)
	_ = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 || !strings.Contains(stderr.String(), "run the same command again") {
		t.Fatalf("after Ctrl-C: exit %d, stderr %q", code, stderr.String())
	}
	if !partialTemp(filepath.Join(root, "in"), 1<<20) {
		t.Fatal("Ctrl-C removed the temporary file: nothing to resume")
	}
	if _, err := os.Stat(filepath.Join(root, "in", "big.al3")); err == nil {
		t.Fatal("the final name exists after Ctrl-C")
	}
	srv.throttle.Store(0)
	cmd = exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "EXCHANGE_PASSWORD=secret")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "resumed at") {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	checkArrived(t, filepath.Join(root, "in"), files)
}

//go:build unix

package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/validate/al3/al3gen"
)

// uniqueAL3 is a valid AL3 file whose content is unique to n.
func uniqueAL3(n int) []byte {
	b := al3gen.New(al3gen.CRLF)
	b.Header(161)
	b.Policy(al3gen.Txn{Date: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n%3000).Format("20060102"),
		Sender: fmt.Sprintf("SENDER%06d", n)}, 1+n%3)
	b.Trailer()
	return b.Bytes()
}

// startWatchCommand runs `exchange watch` on dir in a child process.
func startWatchCommand(t *testing.T, srv *ftptest.Server, state, dir string, extra ...string) (*exec.Cmd, *lockedBuffer, *lockedBuffer) {
	t.Helper()
	args := append([]string{"watch", "--state", state, "--settle", "1s",
		"--server", fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port)}, extra...)
	cmd := exchangeCommand(t, []string{"EXCHANGE_PASSWORD=" + srv.Password}, append(args, dir)...)
	stdout, stderr := &lockedBuffer{}, &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd, stdout, stderr
}

// onServer lists the files on the server that are not temporary ones.
func onServer(t *testing.T, srv *ftptest.Server) map[string][]byte {
	t.Helper()
	entries, _ := os.ReadDir(srv.Dir)
	out := map[string][]byte{}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".exchange-part") || e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(srv.Dir, e.Name()))
		if err == nil {
			out[e.Name()] = data
		}
	}
	return out
}

// exchange watch: a valid file is sent and moved to Sent/, an invalid one
// lands in Failed/ with its reason, one line each; Ctrl-C stops it with exit 0.
func TestWatchCommandSendsRefusesAndStopsCleanly(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	dir := t.TempDir()
	cmd, stdout, stderr := startWatchCommand(t, srv, t.TempDir(), dir)
	waitFor(t, "watching line", func() bool { return strings.Contains(stderr.String(), "watching") })
	good := uniqueAL3(1)
	writeFile(t, dir, "GOOD.AL3", good)
	writeFile(t, dir, "BAD.AL3", []byte("this is not an AL3 file\r\n"))
	waitFor(t, "two lines", func() bool {
		out := stdout.String()
		return strings.Contains(out, "sent     GOOD.AL3 -> ") && strings.Contains(out, "FAILED   BAD.AL3: ")
	})
	if got := onServer(t, srv); len(got) != 1 || !bytes.Equal(got["GOOD.AL3"], good) {
		t.Errorf("on the server: %d file(s)", len(got))
	}
	if _, err := os.Stat(filepath.Join(dir, "Sent", "GOOD.AL3")); err != nil {
		t.Errorf("not in Sent/: %v\n%s", err, stdout.String())
	}
	reason, err := os.ReadFile(filepath.Join(dir, "Failed", "BAD.AL3.error.txt"))
	if err != nil || !strings.Contains(string(reason), "BAD.AL3 was not sent") {
		t.Errorf("Failed/BAD.AL3.error.txt: %v\n%s", err, reason)
	}
	if !strings.Contains(stdout.String(), "moved to Failed/BAD.AL3") {
		t.Errorf("the line does not say where the file went:\n%s", stdout.String())
	}
	start := time.Now()
	_ = cmd.Process.Signal(syscall.SIGINT)
	if code, took := exitCode(t, cmd, start); code != ExitOK || took > exitBound {
		t.Errorf("exit %d after %v, want 0 within %v\n%s", code, took, exitBound, stderr.String())
	}
}

// kill -9 of exchange watch in the middle of a burst, then the same command
// again: every file arrives exactly once, byte-identical, and every file
// ends in Sent/.
func TestWatchKilledDuringABurstSendsEveryFileOnce(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{})
	dir, state := t.TempDir(), t.TempDir()
	cmd, stdout, stderr := startWatchCommand(t, srv, state, dir, "--connections", "2")
	waitFor(t, "watching line", func() bool { return strings.Contains(stderr.String(), "watching") })
	const n = 120
	want := map[string][]byte{}
	for i := range n {
		name := fmt.Sprintf("K%03d.AL3", i)
		want[name] = uniqueAL3(100 + i)
		writeFile(t, dir, name, want[name])
	}
	waitFor(t, "a part of the burst on the server", func() bool { return len(onServer(t, srv)) >= n/4 })
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	sentBefore := len(onServer(t, srv))
	t.Logf("%d of %d files on the server at the kill", sentBefore, n)
	cmd, stdout2, stderr2 := startWatchCommand(t, srv, state, dir, "--connections", "2")
	deadline := time.Now().Add(ftptest.Scaled(time.Minute))
	for {
		entries, _ := os.ReadDir(filepath.Join(dir, "Sent"))
		if len(entries) == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d in Sent/ after the restart\nfirst run:\n%s\n%s\nsecond run:\n%s\n%s",
				len(entries), n, stdout.String(), stderr.String(), stdout2.String(), stderr2.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	got := onServer(t, srv)
	for name, data := range got {
		if w, ok := want[name]; !ok || !bytes.Equal(w, data) {
			t.Errorf("on the server: %q (%d bytes), sent twice or changed", name, len(data))
		}
	}
	if len(got) != n {
		t.Errorf("%d files on the server, want %d (%d were there at the kill)", len(got), n, sentBefore)
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	if code, _ := exitCode(t, cmd, time.Now()); code != ExitOK {
		t.Errorf("exit %d after SIGTERM, want 0\n%s", code, stderr2.String())
	}
}

package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/internal/testwait"
	"exchange/validate/al3/al3gen"
)

// exchange-cli.exe as a clerk runs it, end to end against a real server
// (the harness's Linux servers, through its broker under make
// test-windows).

// cliExeEnv names exchange-cli.exe as make test-windows builds it from
// cmd/exchange, the program the MSI installs. Without it, this test binary
// runs as the command (TestMain): the same code, another main.
const cliExeEnv = "EXCHANGE_CLI_EXE"

// uncShareEnv names a UNC share (\\server\share) the test may write to;
// make test-windows maps one into wine (dosdevices/unc/...).
const uncShareEnv = "EXCHANGE_TEST_UNC_SHARE"

func cliCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	if exe := os.Getenv(cliExeEnv); exe != "" {
		return exec.Command(exe, args...)
	}
	return exchangeCommand(t, nil, args...)
}

// runCLI runs the command to its end and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, out string) {
	t.Helper()
	cmd := cliCommand(t, args...)
	var buf lockedBuffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	code, _ = exitCode(t, cmd, time.Now())
	return code, buf.String()
}

// sizedAL3 is a valid AL3 file of about size bytes whose content is unique to n.
func sizedAL3(n int, size int64) []byte {
	b := al3gen.New(al3gen.CRLF)
	b.Header(161)
	date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n).Format("20060102")
	for i := 0; i == 0 || b.Len()+2000 < size; i++ {
		b.Policy(al3gen.Txn{Date: date, Sender: fmt.Sprintf("SENDER%06d", n)}, 1+i%3)
	}
	b.Trailer()
	return b.Bytes()
}

// batch writes count files of about size bytes to dir and returns their
// paths and contents by name.
func batch(t *testing.T, dir string, count int, size int64) (paths []string, want map[string][]byte) {
	t.Helper()
	want = map[string][]byte{}
	for i := range count {
		name := fmt.Sprintf("DL%02d.AL3", i+1)
		want[name] = sizedAL3(100+i, size)
		paths = append(paths, writeFile(t, dir, name, want[name]))
	}
	return paths, want
}

// partialFinals returns the files in dir under a final name (not a
// temporary ".NAME.exchange-part") whose content is not the one sent.
func partialFinals(dir string, want map[string][]byte) []string {
	entries, _ := os.ReadDir(dir)
	var bad []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err == nil && !bytes.Equal(got, want[e.Name()]) {
			bad = append(bad, fmt.Sprintf("%s (%d of %d bytes)", e.Name(), len(got), len(want[e.Name()])))
		}
	}
	return bad
}

// finals counts the files in dir under a final name.
func finals(dir string) int {
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			n++
		}
	}
	return n
}

// exactly checks that dir holds the wanted files, byte-identical, and
// nothing else: each file once, no temporary file left.
func exactly(t *testing.T, dir string, want map[string][]byte) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != len(want) {
		t.Errorf("on the server: %v; want the %d files sent, each once", names, len(want))
	}
	if bad := partialFinals(dir, want); len(bad) > 0 {
		t.Errorf("on the server under their final names, not as sent: %v", bad)
	}
}

// The files of a drive-letter folder, sent by exchange-cli.exe: exit 0 and
// each file on the server, byte-identical.
func TestCLIUploadEndToEndFromADriveLetterFolder(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{})
	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	dir := t.TempDir()
	if v := filepath.VolumeName(dir); len(v) != 2 || v[1] != ':' {
		t.Fatalf("the test folder %s is not on a drive letter", dir)
	}
	paths, want := batch(t, dir, 3, 8<<10)
	code, out := runCLI(t, append([]string{"upload", "--state", t.TempDir(),
		"--server", fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port)}, paths...)...)
	if code != ExitOK {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	exactly(t, srv.Dir, want)
}

// exchange-cli.exe killed mid-batch (taskkill /F: no chance to clean up) and
// run again with the same files: every file arrives once, and at no moment,
// before the kill, after it or after the rerun, is a file under its final
// name anything but complete.
func TestCLIUploadKilledMidBatchThenRerun(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{})
	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	paths, want := batch(t, t.TempDir(), 6, 192<<10)
	// One connection at 200 KB/s: about a second per file, so the kill
	// lands with files still to send.
	args := append([]string{"upload", "--state", t.TempDir(), "--connections", "1", "--limit", "200KB/s",
		"--server", fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port)}, paths...)
	cmd := cliCommand(t, args...)
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	deadline := time.Now().Add(testwait.Scaled(time.Minute))
	for finals(srv.Dir) < 2 {
		if bad := partialFinals(srv.Dir, want); len(bad) > 0 {
			t.Fatalf("while sending, under final names: %v", bad)
		}
		if time.Now().After(deadline) {
			t.Fatalf("two files did not arrive in time; output:\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	kill := exec.Command("taskkill", "/F", "/PID", strconv.Itoa(cmd.Process.Pid))
	if b, err := kill.CombinedOutput(); err != nil {
		t.Fatalf("taskkill /F: %v\n%s", err, b)
	}
	code, _ := exitCode(t, cmd, time.Now())
	arrived := finals(srv.Dir)
	t.Logf("killed (exit %d) with %d of %d files on the server", code, arrived, len(want))
	if arrived == len(want) {
		t.Fatalf("every file had arrived before the kill: the test killed nothing mid-batch")
	}
	if bad := partialFinals(srv.Dir, want); len(bad) > 0 {
		t.Fatalf("after the kill, under final names: %v", bad)
	}

	code, rerun := runCLI(t, args...)
	if code != ExitOK {
		t.Fatalf("rerun: exit %d:\n%s", code, rerun)
	}
	exactly(t, srv.Dir, want)
}

// A file on a network share, named by its UNC path (\\server\share\dl.al3,
// as dropped from Explorer's Network folder), is sent like any other.
func TestCLIUploadFromAUNCPath(t *testing.T) {
	share := os.Getenv(uncShareEnv)
	if share == "" {
		t.Skip(uncShareEnv + " names no share (make test-windows maps one into wine; on Windows set it to a share you may write, e.g. \\\\localhost\\C$\\Temp)")
	}
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{})
	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	folder := filepath.Join(share, fmt.Sprintf("exchange-test-%d", time.Now().UnixNano()))
	if err := os.Mkdir(folder, 0o777); err != nil {
		t.Fatalf("a folder on the share %s: %v", share, err)
	}
	t.Cleanup(func() { os.RemoveAll(folder) })
	want := map[string][]byte{"dl.al3": sizedAL3(7, 8<<10)}
	path := writeFile(t, folder, "dl.al3", want["dl.al3"])
	if !strings.HasPrefix(path, `\\`) || !strings.EqualFold(filepath.VolumeName(path), strings.TrimRight(share, `\`)) {
		t.Fatalf("%s is not a UNC path on %s", path, share)
	}
	state := t.TempDir()
	code, out := runCLI(t, "upload", "--state", state, "--server", fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port), path)
	if code != ExitOK {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	exactly(t, srv.Dir, want)
	if code, hist := runCLI(t, "history", "--state", state); code != ExitOK || !strings.Contains(hist, path) {
		t.Errorf("history (exit %d) does not name %s:\n%s", code, path, hist)
	}
}

// The exit codes a script or a scheduled task in Windows reads: 0 done,
// 2 bad arguments, 1 a file not sent (here: invalid).
func TestCLIExitCodesAsAWindowsProgram(t *testing.T) {
	if code, out := runCLI(t, "version"); code != ExitOK {
		t.Errorf("version: exit %d, want %d:\n%s", code, ExitOK, out)
	}
	if code, out := runCLI(t, "upload", "--no-such-flag"); code != ExitUsage {
		t.Errorf("upload --no-such-flag: exit %d, want %d:\n%s", code, ExitUsage, out)
	}
	port, _ := silentServer(t)
	bad := writeFile(t, t.TempDir(), "BAD.AL3", []byte("not an AL3 file\r\n"))
	t.Setenv("EXCHANGE_PASSWORD", "pw")
	code, out := runCLI(t, "upload", "--state", t.TempDir(), "--server", fmt.Sprintf("ftp://clerk@127.0.0.1:%d/in", port), bad)
	if code != ExitFailed {
		t.Errorf("upload of an invalid file: exit %d, want %d:\n%s", code, ExitFailed, out)
	}
}

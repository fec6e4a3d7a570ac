//go:build unix

package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/internal/testwait"
	"exchange/transport"
	"exchange/validate/al3/al3gen"
)

// A server whose session dies in the middle of an FTPS upload (vsftpd's
// session processes killed, as when its service restarts) is a connection
// lost, not a TLS problem: the upload is tried again and resumes, and the
// clerk is never told to check the TLS setting. vsftpd's surviving session
// parent writes "500 OOPS" in plain text on the encrypted control
// connection, so the client sees a TLS record error beside the broken pipe;
// that used to make the file fail at once with "The secure (TLS) connection
// failed. Check the TLS setting of the profile".
func TestFTPSSessionKilledMidUploadIsRetriedNotATLSFailure(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{TLS: transport.TLSExplicit})
	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	dir := t.TempDir()
	path := filepath.Join(dir, "BIG.AL3")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := al3gen.WriteLarge(f, 8<<20, al3gen.CRLF); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	server := fmt.Sprintf("ftpes://%s@127.0.0.1:%d/", srv.User, srv.Port)
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := run("upload", "--state", t.TempDir(), "--server", server,
			"--tls-fingerprint", srv.Fingerprint, "--limit", "1MB/s", "--connections", "1", path)
		done <- result{code, out, errOut}
	}()

	part := srv.Path(".BIG.AL3.exchange-part")
	deadline := time.Now().Add(testwait.Scaled(60 * time.Second))
	for {
		if st, err := os.Stat(part); err == nil && st.Size() > 256<<10 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the upload did not start: no %s with data", part)
		}
		time.Sleep(20 * time.Millisecond)
	}
	killed := killSessionWorkers(t, srv.Pid())
	if killed == 0 {
		t.Fatal("no vsftpd session process to kill")
	}

	var r result
	select {
	case r = <-done:
	case <-time.After(testwait.Scaled(3 * time.Minute)):
		t.Fatal("the upload did not end")
	}
	if r.code != ExitOK || strings.Contains(r.out, "TLS") {
		t.Fatalf("exit %d after the server's session died (want the upload tried again and sent):\n%s\n%s", r.code, r.out, r.err)
	}
	sent, err := os.ReadFile(srv.Path("BIG.AL3"))
	want, _ := os.ReadFile(path)
	if err != nil || !bytes.Equal(sent, want) {
		t.Fatalf("the file on the server is not the file sent (%v, %d of %d bytes)", err, len(sent), len(want))
	}
}

// killSessionWorkers kills the grandchildren of a vsftpd listener (the
// session's unprivileged and TLS processes), leaving each session's
// privileged parent alive to report the death to the client in plain text.
func killSessionWorkers(t *testing.T, listener int) int {
	t.Helper()
	parent := func(pid int) int {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return 0
		}
		i := bytes.LastIndexByte(stat, ')')
		var state byte
		var ppid int
		if i < 0 {
			return 0
		}
		if _, err := fmt.Sscanf(string(stat[i+1:]), " %c %d", &state, &ppid); err != nil {
			return 0
		}
		return ppid
	}
	n := 0
	entries, _ := os.ReadDir("/proc") // sessions run in process groups of their own
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if pp := parent(pid); pid != listener && pp != listener && pp != 0 && parent(pp) == listener {
			if syscall.Kill(pid, syscall.SIGKILL) == nil {
				n++
			}
		}
	}
	return n
}

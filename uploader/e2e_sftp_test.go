package uploader_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"exchange/internal/sshtest"
	"exchange/internal/testwait"
	"exchange/profile"
	"exchange/transport/sftpclient"
	"exchange/uploader"
)

func sftpProfile(srv *sshtest.Server, dir string) profile.Profile {
	return profile.Profile{Name: "sftp test", Protocol: profile.ProtocolSFTP, Host: srv.Host, Port: srv.Port,
		User: srv.User, RemoteDir: dir, PinnedSHA256: srv.HostKey.Fingerprint, Connections: 2, MaxRetries: 3, TimeoutSeconds: 10}
}

// The service sends over SFTP through its default dial: files land
// byte-identical, a name already taken is kept (keep-both), and the
// existing file is untouched.
func TestServiceSendsOverSFTPAndKeepsBoth(t *testing.T) {
	srv := sshtest.Start(t, sshtest.Options{Chroot: true})
	s, err := sftpclient.Connect(context.Background(), sftpclient.Config{Host: srv.Host, Port: srv.Port, User: srv.User,
		Password: srv.Password, HostKey: srv.HostKey.Fingerprint, NoAgent: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MakeDirAll("in"); err != nil {
		t.Fatal(err)
	}
	if err := s.Store("in/policy-1.al3", strings.NewReader("the server's own file"), 0); err != nil {
		t.Fatal(err)
	}
	s.Quit()
	local := t.TempDir()
	files := map[string][]byte{"policy-1.al3": validAL3(1, 64<<10), "policy-2.al3": validAL3(2, 3<<20)}
	paths := writeFiles(t, local, files)
	x := newE2EWithPassword(t, t.TempDir(), sftpProfile(srv, "in"), srv.Password, 10*time.Millisecond)
	ids := x.run(testwait.Scaled(60*time.Second), paths...)
	for _, id := range ids {
		if e := x.final(id); e.Kind != uploader.EventDone {
			t.Fatalf("item %v: %s", id, x.kinds(id))
		}
	}
	checkArrived(t, filepath.Join(srv.Dir, "in"), map[string][]byte{
		"policy-1.al3":     []byte("the server's own file"),
		"policy-1 (2).al3": files["policy-1.al3"],
		"policy-2.al3":     files["policy-2.al3"],
	})
}

// An SFTP batch killed with SIGKILL and run again: every file arrives once,
// and no partial file ever shows under a final name.
func TestSFTPKillDuringUploadThenRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and moves 16 MB; skipped with -short")
	}
	srv := sshtest.Start(t, sshtest.Options{})
	bin := buildExchange(t)
	proxy := sshtest.StartProxy(t, srv.Addr(), 0, 1<<20) // slow enough to kill in the middle
	inbox := filepath.Join(srv.Dir, "in")
	local, state := t.TempDir(), t.TempDir()
	files := map[string][]byte{}
	sizes := map[string]int64{}
	for i := range 8 {
		name := fmt.Sprintf("download-%d.al3", i)
		files[name] = validAL3(100+i, 2<<20)
		sizes[name] = int64(len(files[name]))
	}
	paths := writeFiles(t, local, files)
	watch := watchFinalNames(inbox, sizes)
	args := append([]string{"upload", "--json", "--state", state, "--connections", "2",
		"--server", "sftp://" + srv.User + "@" + proxy.Addr + "/in", "--host-key", srv.HostKey.Fingerprint}, paths...)
	env := append(os.Environ(), "EXCHANGE_PASSWORD="+srv.Password, "SSH_AUTH_SOCK=")

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
			if done >= 1 && sleep(300*time.Millisecond) && partialTemp(inbox, 256<<10) {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
		for sc.Scan() {
		}
	}()
	select {
	case <-killed:
	case <-time.After(testwait.Scaled(60 * time.Second)):
		_ = cmd.Process.Kill()
		t.Fatalf("first run never reached the kill point; stderr: %s", stderr.String())
	}
	_ = cmd.Wait()
	if cmd.ProcessState.ExitCode() != -1 {
		t.Fatalf("first run was not killed (exit %d): it finished too fast to test; stderr: %s", cmd.ProcessState.ExitCode(), stderr.String())
	}

	proxy.Rate.Store(0)
	cmd = exec.Command(bin, args...)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	watch.finish(t)
	checkArrived(t, inbox, files)
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
		count[filepath.Base(h.Path)]++
	}
	for name := range files {
		if count[name] != 1 {
			t.Errorf("history shows %s %d times, want once", name, count[name])
		}
	}

	// Without the host key pinned, nobody on the command line can confirm it: refused, nothing sent.
	other := writeFiles(t, t.TempDir(), map[string][]byte{"late.al3": validAL3(300, 4<<10)})
	cmd = exec.Command(bin, "upload", "--state", state, "--server", "sftp://"+srv.User+"@"+srv.Addr()+"/in", other[0])
	cmd.Env = env
	msg, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(msg), "host key") {
		t.Errorf("an unpinned host key: %v\n%s", err, msg)
	}
	if _, err := os.Stat(filepath.Join(inbox, "late.al3")); err == nil {
		t.Error("a file went to a server whose host key nobody trusted")
	}
}

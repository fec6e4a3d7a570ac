//go:build unix

package cli

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"exchange/uploader"
	"exchange/validate/al3/al3gen"
)

// exitBound is how long a child may take to leave after Ctrl-C. The command
// aims at stopGrace (1.5 s); the bound is generous for a busy 2-core machine
// and still far under the 28 s it took before.
const exitBound = 10 * time.Second

// silentServer accepts connections and never says a word (no greeting).
// accepted receives one value per connection.
func silentServer(t *testing.T) (port int, accepted <-chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan struct{}, 64)
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			select {
			case ch <- struct{}{}:
			default:
			}
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port, ch
}

// lockedBuffer is a bytes.Buffer safe to read while a child writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitFor polls cond until it holds or a minute passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no %s after a minute", what)
		}
	}
}

// exitCode waits for cmd and returns its exit code and how long that took
// from since; a child killed by a signal fails the test.
func exitCode(t *testing.T, cmd *exec.Cmd, since time.Time) (int, time.Duration) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("the command was still running two minutes later")
	}
	took := time.Since(since)
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			t.Fatalf("the command was killed by %v", ws.Signal())
		}
		return ee.ExitCode(), took
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, took
}

// uploadToSilentServer starts `exchange upload` of two files against a
// server that never answers, and returns once a connection is waiting for
// the greeting.
func uploadToSilentServer(t *testing.T, extraEnv ...string) (cmd *exec.Cmd, stderr *lockedBuffer, state string) {
	t.Helper()
	port, accepted := silentServer(t)
	dir := t.TempDir()
	state = t.TempDir()
	a := writeFile(t, dir, "A.AL3", al3gen.Valid(al3gen.CRLF))
	b := writeFile(t, dir, "B.AL3", append(al3gen.Valid(al3gen.CRLF), al3gen.Valid(al3gen.CRLF)...))
	cmd = exchangeCommand(t, append([]string{"EXCHANGE_PASSWORD=pw"}, extraEnv...), "upload", "--json", "--state", state,
		"--server", fmt.Sprintf("ftp://clerk@127.0.0.1:%d/in", port), a, b)
	stderr = &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = &lockedBuffer{}, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	select {
	case <-accepted:
	case <-time.After(time.Minute):
		t.Fatalf("the upload never connected; stderr:\n%s", stderr.String())
	}
	return cmd, stderr, state
}

// queuedIn returns the files an earlier run left unfinished in state, as
// the journal's queue table holds them on disk (each record is JSON with the
// local path).
func queuedIn(t *testing.T, state string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(state, uploader.JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT record FROM queue`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var rec []byte
		var it struct {
			Path string `json:"path"`
		}
		if err := rows.Scan(&rec); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(rec, &it); err != nil {
			t.Fatalf("queue record %q: %v", rec, err)
		}
		names = append(names, filepath.Base(it.Path))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return names
}

// Before: a server that never answers kept `exchange upload` 28 s after
// Ctrl-C, and it then exited 1. Now it leaves within stopGrace with 130,
// and both files stay queued for the next run.
func TestUploadCtrlCStopsQuicklyAgainstSilentServer(t *testing.T) {
	cmd, stderr, state := uploadToSilentServer(t)
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	code, took := exitCode(t, cmd, sent)
	t.Logf("exit %d %s after SIGINT", code, took.Round(time.Millisecond))
	if code != ExitInterrupted {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, ExitInterrupted, stderr.String())
	}
	if took > exitBound {
		t.Errorf("took %s to exit after SIGINT (bound %s)", took, exitBound)
	}
	if !strings.Contains(stderr.String(), "stay queued") {
		t.Errorf("stderr does not say the files stay queued:\n%s", stderr.String())
	}
	if q := queuedIn(t, state); len(q) != 2 {
		t.Errorf("journal after Ctrl-C: queued %v, want A.AL3 and B.AL3", q)
	}
}

// A second Ctrl-C leaves at once, whatever the first one is waiting for.
func TestUploadSecondCtrlCExitsAtOnce(t *testing.T) {
	cmd, stderr, state := uploadToSilentServer(t, childGraceEnv+"=10m", childSlowCloseEnv+"=10m") // the first Ctrl-C alone would wait 10 minutes
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "'stopping' message", func() bool { return strings.Contains(stderr.String(), "Ctrl-C again") })
	second := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	code, took := exitCode(t, cmd, second)
	t.Logf("exit %d %s after the second SIGINT", code, took.Round(time.Millisecond))
	if code != ExitInterrupted || !strings.Contains(stderr.String(), "stopped at once") {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, ExitInterrupted, stderr.String())
	}
	if took > exitBound {
		t.Errorf("took %s to exit after the second SIGINT (bound %s)", took, exitBound)
	}
	if q := queuedIn(t, state); len(q) != 2 {
		t.Errorf("journal after two Ctrl-C: queued %v, want A.AL3 and B.AL3", q)
	}
}

// diagnose against a server that never answers also stops at Ctrl-C.
func TestDiagnoseCtrlCStopsQuicklyAgainstSilentServer(t *testing.T) {
	port, accepted := silentServer(t)
	cmd := exchangeCommand(t, []string{"EXCHANGE_PASSWORD=pw"}, "diagnose", "--server", fmt.Sprintf("ftp://clerk@127.0.0.1:%d/", port))
	stderr := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = &lockedBuffer{}, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	select {
	case <-accepted:
	case <-time.After(time.Minute):
		t.Fatalf("diagnose never connected; stderr:\n%s", stderr.String())
	}
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	code, took := exitCode(t, cmd, sent)
	t.Logf("exit %d %s after SIGINT", code, took.Round(time.Millisecond))
	if code != ExitInterrupted || took > exitBound {
		t.Errorf("exit %d after %s, want %d within %s; stderr:\n%s", code, took, ExitInterrupted, exitBound, stderr.String())
	}
}

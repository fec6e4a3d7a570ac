//go:build unix

package cli

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

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

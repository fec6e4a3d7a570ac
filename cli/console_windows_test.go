package cli

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/windows"
)

// Ctrl-C in a Windows console. Windows has no signals: Ctrl-C is a console
// control event that the console sends to every process attached to it,
// and Go turns it into os.Interrupt. So the child (the exchange command) gets
// a console of its own, and pressCtrlC attaches this test to that console
// and raises the event there, as the clerk's key press in that window does.
// This runs under wine too (wine 8 delivers the event; without a console of
// the child's own, GenerateConsoleCtrlEvent answers "Invalid access").

func init() {
	interruptible = func(cmd *exec.Cmd) {
		cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: windows.CREATE_NEW_CONSOLE}
	}
}

var (
	kernel32          = windows.NewLazySystemDLL("kernel32.dll")
	procFreeConsole   = kernel32.NewProc("FreeConsole")
	procAttachConsole = kernel32.NewProc("AttachConsole")
	consoleMu         sync.Mutex // one console at a time for this process
	swallowOnce       sync.Once
)

// pressCtrlC raises Ctrl-C in the console of process pid. This process is
// attached to that console while the event is sent, so it gets the event
// too: it takes it as a notified os.Interrupt and carries on. (Ignoring
// Ctrl-C with SetConsoleCtrlHandler(NULL, TRUE) instead would be inherited
// by the next child, which then ignored its Ctrl-C: seen under wine.)
func pressCtrlC(t *testing.T, pid int) {
	t.Helper()
	consoleMu.Lock()
	defer consoleMu.Unlock()
	swallowOnce.Do(func() { signal.Notify(make(chan os.Signal, 1), os.Interrupt) })
	_, _, _ = procFreeConsole.Call() // this process's own console, if any
	if ok, _, err := procAttachConsole.Call(uintptr(pid)); ok == 0 {
		t.Fatalf("attach to the console of process %d: %v", pid, err)
	}
	defer procFreeConsole.Call()
	if err := windows.GenerateConsoleCtrlEvent(windows.CTRL_C_EVENT, 0); err != nil {
		t.Fatalf("Ctrl-C in the console of process %d: %v", pid, err)
	}
}

// exitCode waits for cmd and returns its exit code and how long that took
// from since.
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
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), time.Since(since)
}

// Ctrl-C in the console of `exchange upload` stuck on a server that never
// answers: it stops within the grace period with exit code 130, says the
// files stay queued, and the journal has both.
func TestUploadCtrlCInAWindowsConsole(t *testing.T) {
	cmd, stderr, state := uploadToSilentServer(t)
	pressed := time.Now()
	pressCtrlC(t, cmd.Process.Pid)
	code, took := exitCode(t, cmd, pressed)
	t.Logf("exit %d %s after Ctrl-C", code, took.Round(time.Millisecond))
	if code != ExitInterrupted || took > exitBound {
		t.Errorf("exit %d after %s, want %d within %s; stderr:\n%s", code, took, ExitInterrupted, exitBound, stderr.String())
	}
	if !strings.Contains(stderr.String(), "stay queued") {
		t.Errorf("stderr does not say the files stay queued:\n%s", stderr.String())
	}
	if q := queuedIn(t, state); len(q) != 2 {
		t.Errorf("journal after Ctrl-C: queued %v, want A.AL3 and B.AL3", q)
	}
}

// A second Ctrl-C leaves at once, whatever the first one waits for.
func TestUploadSecondCtrlCInAWindowsConsole(t *testing.T) {
	cmd, stderr, state := uploadToSilentServer(t, childGraceEnv+"=10m", childSlowCloseEnv+"=10m")
	pressCtrlC(t, cmd.Process.Pid)
	waitFor(t, "'stopping' message", func() bool { return strings.Contains(stderr.String(), "Ctrl-C again") })
	second := time.Now()
	pressCtrlC(t, cmd.Process.Pid)
	code, took := exitCode(t, cmd, second)
	t.Logf("exit %d %s after the second Ctrl-C", code, took.Round(time.Millisecond))
	if code != ExitInterrupted || took > exitBound || !strings.Contains(stderr.String(), "stopped at once") {
		t.Errorf("exit %d after %s, want %d within %s; stderr:\n%s", code, took, ExitInterrupted, exitBound, stderr.String())
	}
	if q := queuedIn(t, state); len(q) != 2 {
		t.Errorf("journal after two Ctrl-C: queued %v, want A.AL3 and B.AL3", q)
	}
}

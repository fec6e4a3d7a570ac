//go:build linux

package cli

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the test types on master, the command
// sees slave as its terminal.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminal on this machine: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	if err := unix.IoctlSetPointerInt(int(master.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(master.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { slave.Close() })
	return master, slave
}

// Ctrl-C at the password prompt used to end the process with the terminal's
// echo still off (typing then showed nothing). Now the terminal is put back
// and the command exits 130.
func TestCtrlCAtPasswordPromptRestoresEcho(t *testing.T) {
	master, slave := openPTY(t)
	file := writeFile(t, t.TempDir(), "A.AL3", []byte("1MHG"))
	cmd := exchangeCommand(t, []string{"EXCHANGE_PASSWORD="}, "upload", "--state", t.TempDir(),
		"--server", "ftp://clerk@127.0.0.1:1/", file)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	screen := &lockedBuffer{}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			screen.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	waitFor(t, "password prompt", func() bool { return strings.Contains(screen.String(), "Password for clerk@127.0.0.1") })
	// The prompt turns the echo off after it is printed: wait for that.
	waitFor(t, "echo turned off", func() bool {
		tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
		return err == nil && tio.Lflag&unix.ECHO == 0
	})
	pressed := time.Now()
	if _, err := master.Write([]byte{3}); err != nil { // Ctrl-C typed on the terminal
		t.Fatal(err)
	}
	code, took := exitCode(t, cmd, pressed)
	t.Logf("exit %d %s after Ctrl-C; screen:\n%s", code, took.Round(time.Millisecond), screen.String())
	if code != ExitInterrupted {
		t.Errorf("exit %d, want %d", code, ExitInterrupted)
	}
	tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if tio.Lflag&unix.ECHO == 0 {
		t.Error("the terminal's echo is still off after Ctrl-C at the password prompt")
	}
}

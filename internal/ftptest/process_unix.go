//go:build unix

package ftptest

import (
	"os/exec"
	"syscall"
)

// inOwnProcessGroup starts cmd in a process group of its own (so that Stop
// ends the sessions it forks too), killed if the test process dies.
func inOwnProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup signals every process of a group: SIGTERM, or SIGKILL when hard.
func killGroup(pgid int, hard bool) {
	sig := syscall.SIGTERM
	if hard {
		sig = syscall.SIGKILL
	}
	_ = syscall.Kill(-pgid, sig)
}

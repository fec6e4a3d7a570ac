package ftptest

import "os/exec"

// A Windows test binary never starts the system servers itself (they are
// Linux programs): it asks the broker (BrokerEnv) for them. These keep the
// package building there.

func inOwnProcessGroup(*exec.Cmd) {}

func killGroup(int, bool) {}

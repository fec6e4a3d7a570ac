package cli

import (
	"os"
	"os/exec"
	"testing"
	"time"

	"exchange/uploader"
)

// childEnv makes the test binary run as the exchange command (see TestMain),
// so that tests can drive the real command line in a process of its own:
// signals, pipes and exit codes as a clerk's shell sees them.
const childEnv = "EXCHANGE_CLI_TEST_CHILD"

// childGraceEnv, in a child, replaces stopGrace (a Go duration), so that a
// test of the second Ctrl-C does not race the first one's grace period.
const childGraceEnv = "EXCHANGE_CLI_TEST_STOP_GRACE"

// childSlowCloseEnv, in a child, makes closing the service after an upload
// take that long (a Go duration): a shutdown that does not let go, such as
// a disk that hangs, so that the second Ctrl-C is what ends the process.
const childSlowCloseEnv = "EXCHANGE_CLI_TEST_SLOW_CLOSE"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		if d, err := time.ParseDuration(os.Getenv(childGraceEnv)); err == nil {
			stopGrace = d
		}
		if d, err := time.ParseDuration(os.Getenv(childSlowCloseEnv)); err == nil {
			closeService = func(svc *uploader.Service) error {
				time.Sleep(d)
				return svc.Close()
			}
		}
		os.Exit(Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	// Uploads write the audit trail: keep the tests' out of the machine's
	// log folder (the tests run as root, who may write there).
	if os.Getenv("EXCHANGE_AUDIT_DIR") == "" {
		dir, err := os.MkdirTemp("", "exchange-cli-audit-")
		if err != nil {
			panic(err)
		}
		os.Setenv("EXCHANGE_AUDIT_DIR", dir)
		os.Setenv("EXCHANGE_LOG_DIR", dir) // the log file too
		code := m.Run()
		os.RemoveAll(dir)
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// exchangeCommand returns the command line `exchange args...` as a child
// process running this test binary.
func exchangeCommand(t *testing.T, extraEnv []string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), childEnv+"=1"), extraEnv...)
	return cmd
}

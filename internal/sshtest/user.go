package sshtest

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"strings"
	"sync"
)

// The test user sshd runs sessions as. It is made once per machine, with a
// SHA-512 password hash (Debian's default yescrypt costs 50 ms a login).
const (
	TestUser     = "exsftp"
	TestPassword = "sftp-test-Pa55"
	// base holds every server's folders: root-owned and not writable by
	// others all the way up, as sshd's ChrootDirectory demands (t.TempDir
	// under the world-writable /tmp would not do).
	base = "/var/lib/exchange-sshtest"
)

var (
	userOnce         sync.Once
	userErr          error
	userUID, userGID int
)

func ensureUser() (uid, gid int, err error) {
	userOnce.Do(func() { userErr = makeUser() })
	return userUID, userGID, userErr
}

func makeUser() error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("the test sshd needs root (it starts as root and drops to the user %q)", TestUser)
	}
	if err := os.MkdirAll(base, 0o755); err != nil {
		return err
	}
	if _, err := user.Lookup(TestUser); err != nil {
		out, err := exec.Command("useradd", "--system", "--home-dir", base, "--no-create-home",
			"--shell", "/bin/sh", TestUser).CombinedOutput()
		if err != nil {
			// Another test binary may have made it at the same moment.
			if _, lerr := user.Lookup(TestUser); lerr != nil {
				return fmt.Errorf("useradd %s: %v: %s", TestUser, err, out)
			}
		}
	}
	hash, err := exec.Command("openssl", "passwd", "-6", "-salt", "exchangesftp", TestPassword).Output()
	if err != nil {
		return fmt.Errorf("openssl passwd: %w", err)
	}
	cmd := exec.Command("chpasswd", "-e")
	cmd.Stdin = strings.NewReader(TestUser + ":" + strings.TrimSpace(string(hash)) + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chpasswd: %v: %s", err, out)
	}
	u, err := user.Lookup(TestUser)
	if err != nil {
		return err
	}
	userUID, _ = strconv.Atoi(u.Uid)
	userGID, _ = strconv.Atoi(u.Gid)
	return nil
}

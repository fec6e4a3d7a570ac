package ftptest

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"strings"
	"sync"
)

// The system servers (vsftpd, pure-ftpd, proftpd) need a real system user to
// run sessions as; it is made once per machine, with a SHA-512 password hash
// (Debian's default yescrypt costs 50 ms a login).
const systemUser = "exftp"

var (
	userOnce sync.Once
	userErr  error
	userUID  int
	userGID  int
)

func ensureSystemUser(password string) (uid, gid int, err error) {
	userOnce.Do(func() { userErr = makeSystemUser(password) })
	return userUID, userGID, userErr
}

func makeSystemUser(password string) error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("the system FTP servers need root to run (they start as root and drop to the user %q)", systemUser)
	}
	home := "/var/lib/exchange-ftptest"
	if err := os.MkdirAll(home, 0o755); err != nil {
		return err
	}
	if _, err := user.Lookup(systemUser); err != nil {
		out, err := exec.Command("useradd", "--system", "--home-dir", home, "--no-create-home",
			"--shell", "/bin/sh", systemUser).CombinedOutput()
		if err != nil {
			// Another test binary may have made it at the same moment.
			if _, lerr := user.Lookup(systemUser); lerr != nil {
				return fmt.Errorf("useradd %s: %v: %s", systemUser, err, out)
			}
		}
	}
	hash, err := exec.Command("openssl", "passwd", "-6", "-salt", "exchangetest", password).Output()
	if err != nil {
		return fmt.Errorf("openssl passwd: %w", err)
	}
	cmd := exec.Command("chpasswd", "-e")
	cmd.Stdin = strings.NewReader(systemUser + ":" + strings.TrimSpace(string(hash)) + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chpasswd: %v: %s", err, out)
	}
	u, err := user.Lookup(systemUser)
	if err != nil {
		return err
	}
	userUID, _ = strconv.Atoi(u.Uid)
	userGID, _ = strconv.Atoi(u.Gid)
	return nil
}

// cryptSHA512 hashes a password for the servers' own password files.
func cryptSHA512(password string) (string, error) {
	out, err := exec.Command("openssl", "passwd", "-6", "-salt", "exchangetest", password).Output()
	if err != nil {
		return "", fmt.Errorf("openssl passwd: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Package testhost is what the test servers (the FTP servers of
// internal/ftptest, the sshd of internal/sshtest) need from the machine: the
// system user they run sessions as (made with the system's useradd, openssl
// and chpasswd, so as root) and free loopback ports.
package testhost

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"strings"
)

// MakeUser makes (if missing) the system user name with home as its home folder
// (made too, not owned by the user) and sets its password, stored as a
// SHA-512 hash (Debian's default yescrypt costs 50 ms a login). It returns
// the user's ids.
func MakeUser(name, home, password, salt string) (uid, gid int, err error) {
	if err := os.MkdirAll(home, 0o755); err != nil {
		return 0, 0, err
	}
	if _, err := user.Lookup(name); err != nil {
		out, err := exec.Command("useradd", "--system", "--home-dir", home, "--no-create-home",
			"--shell", "/bin/sh", name).CombinedOutput()
		if err != nil {
			// Another test binary may have made it at the same moment.
			if _, lerr := user.Lookup(name); lerr != nil {
				return 0, 0, fmt.Errorf("useradd %s: %v: %s", name, err, out)
			}
		}
	}
	hash, err := CryptSHA512(password, salt)
	if err != nil {
		return 0, 0, err
	}
	cmd := exec.Command("chpasswd", "-e")
	cmd.Stdin = strings.NewReader(name + ":" + hash + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, 0, fmt.Errorf("chpasswd: %v: %s", err, out)
	}
	u, err := user.Lookup(name)
	if err != nil {
		return 0, 0, err
	}
	uid, _ = strconv.Atoi(u.Uid)
	gid, _ = strconv.Atoi(u.Gid)
	return uid, gid, nil
}

// CryptSHA512 is the crypt(3) SHA-512 hash of password with salt, as
// /etc/shadow and the servers' own password files hold it.
func CryptSHA512(password, salt string) (string, error) {
	out, err := exec.Command("openssl", "passwd", "-6", "-salt", salt, password).Output()
	if err != nil {
		return "", fmt.Errorf("openssl passwd: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

package sshtest

import (
	"fmt"
	"os"
	"sync"

	"exchange/internal/testhost"
)

// The test user sshd runs sessions as. It is made once per machine
// (internal/testhost).
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
	userOnce.Do(func() {
		if os.Geteuid() != 0 {
			userErr = fmt.Errorf("the test sshd needs root (it starts as root and drops to the user %q)", TestUser)
			return
		}
		userUID, userGID, userErr = testhost.MakeUser(TestUser, base, TestPassword, "exchangesftp")
	})
	return userUID, userGID, userErr
}

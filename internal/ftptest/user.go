package ftptest

import (
	"fmt"
	"os"
	"sync"

	"exchange/internal/testhost"
)

// The system servers (vsftpd, pure-ftpd, proftpd) need a real system user to
// run sessions as; it is made once per machine (internal/testhost).
const systemUser = "exftp"

var (
	userOnce         sync.Once
	userErr          error
	userUID, userGID int
)

func ensureSystemUser(password string) (uid, gid int, err error) {
	userOnce.Do(func() {
		if os.Geteuid() != 0 {
			userErr = fmt.Errorf("the system FTP servers need root to run (they start as root and drop to the user %q)", systemUser)
			return
		}
		userUID, userGID, userErr = testhost.MakeUser(systemUser, "/var/lib/exchange-ftptest", password, "exchangetest")
	})
	return userUID, userGID, userErr
}

// cryptSHA512 hashes a password for the servers' own password files.
func cryptSHA512(password string) (string, error) {
	return testhost.CryptSHA512(password, "exchangetest")
}

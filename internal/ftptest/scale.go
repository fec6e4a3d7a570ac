package ftptest

import (
	"time"

	"exchange/internal/testwait"
)

// Scaled stretches a test's wait by EXCHANGE_TEST_TIMEOUT_SCALE (default 3):
// every timeout of the FTP suites scales with the machine from one place
// (see internal/testwait).
func Scaled(d time.Duration) time.Duration { return testwait.Scaled(d) }

package ftptest

import (
	"os"
	"strconv"
	"time"
)

// defaultTimeoutScale is generous on purpose: a wait in a test is an upper
// bound that costs nothing when things go well, and a slow, busy 2-core
// machine (six other jobs compiling) must not turn it into a failure.
const defaultTimeoutScale = 3

// Scaled stretches a test's wait by EXCHANGE_TEST_TIMEOUT_SCALE (a positive
// number, 3 when unset or unreadable), so that every timeout of the suites
// scales with the machine from one place.
func Scaled(d time.Duration) time.Duration {
	return time.Duration(float64(d) * TimeoutScale())
}

// TimeoutScale is the factor Scaled applies.
func TimeoutScale() float64 {
	if v, err := strconv.ParseFloat(os.Getenv("EXCHANGE_TEST_TIMEOUT_SCALE"), 64); err == nil && v > 0 {
		return v
	}
	return defaultTimeoutScale
}

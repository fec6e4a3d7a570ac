// Package testwait scales the waits of tests with the machine: every
// timeout a test sets is multiplied by EXCHANGE_TEST_TIMEOUT_SCALE (3 when
// unset), so that a slow, busy machine does not turn an upper bound into a
// failure. internal/ftptest re-exports it; packages that ftptest imports
// (transport/ftpclient's own tests) use it directly.
package testwait

import (
	"os"
	"strconv"
	"time"
)

// defaultScale is generous on purpose: a wait in a test is an upper bound
// that costs nothing when things go well, and a 2-core machine shared with
// six compiling jobs is several times slower than an idle one.
const defaultScale = 3

// Scaled stretches a test's wait by Scale().
func Scaled(d time.Duration) time.Duration {
	return time.Duration(float64(d) * Scale())
}

// Scale is EXCHANGE_TEST_TIMEOUT_SCALE when it is a positive number, else 3.
func Scale() float64 {
	if v, err := strconv.ParseFloat(os.Getenv("EXCHANGE_TEST_TIMEOUT_SCALE"), 64); err == nil && v > 0 {
		return v
	}
	return defaultScale
}

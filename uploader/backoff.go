package uploader

import (
	"math/rand/v2"
	"time"
)

// Backoff says how long to wait before the given attempt (2 for the first
// retry). The default is exponential with jitter: about 1 s, 2 s, 4 s... capped
// at a minute, each drawn between half and the whole of that step, so that
// workers (and other PCs) that failed together do not retry together.
type Backoff func(attempt int) time.Duration

// ExponentialBackoff returns the default Backoff with the given first step and cap.
func ExponentialBackoff(first, limit time.Duration) Backoff {
	return func(attempt int) time.Duration {
		step := first
		for i := 2; i < attempt && step < limit; i++ {
			step *= 2
		}
		if step > limit {
			step = limit
		}
		half := step / 2
		if half <= 0 {
			return step
		}
		return half + rand.N(half+1)
	}
}

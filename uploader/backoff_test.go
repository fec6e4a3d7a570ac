package uploader

import (
	"testing"
	"time"
)

func TestExponentialBackoffGrowsWithJitterAndCap(t *testing.T) {
	b := ExponentialBackoff(time.Second, 8*time.Second)
	steps := map[int]time.Duration{2: time.Second, 3: 2 * time.Second, 4: 4 * time.Second, 5: 8 * time.Second, 9: 8 * time.Second}
	for attempt, step := range steps {
		seen := map[time.Duration]bool{}
		for range 200 {
			d := b(attempt)
			if d < step/2 || d > step {
				t.Fatalf("attempt %d: delay %v outside [%v, %v]", attempt, d, step/2, step)
			}
			seen[d] = true
		}
		if len(seen) < 10 {
			t.Errorf("attempt %d: only %d distinct delays in 200 draws: no jitter", attempt, len(seen))
		}
	}
}

package app

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"exchange/internal/testwait"
	"exchange/profile"
	"exchange/transport/bandwidth"
)

// The profile's own limit applies to its uploads, read anew for each file:
// an edited profile takes its new limit from its next file.
func TestThrottleFollowsTheProfileLimit(t *testing.T) {
	limits := bandwidth.New()
	throttle := Throttle(limits)
	p := profile.Profile{Name: "Carrier", Limit: "200KB/s"}
	start := time.Now()
	if _, err := io.Copy(io.Discard, throttle(context.Background(), p, bytes.NewReader(make([]byte, 120_000)))); err != nil {
		t.Fatal(err)
	}
	// 120 kB at 200 kB/s, the first 20 kB at once: 0.5 s.
	if d := time.Since(start); d < 450*time.Millisecond || d > 550*time.Millisecond+testwait.Scaled(300*time.Millisecond) {
		t.Errorf("120 kB at 200 kB/s took %v", d)
	}
	if got := limits.Profile("Carrier"); got != 200_000 {
		t.Errorf("profile limit %d", got)
	}
	p.Limit = ""
	throttle(context.Background(), p, bytes.NewReader(nil))
	if got := limits.Profile("Carrier"); got != 0 {
		t.Errorf("the limit removed from the profile still holds: %d", got)
	}
}

package testwait

import (
	"testing"
	"time"
)

func TestScaledFollowsTheEnvironment(t *testing.T) {
	t.Setenv("EXCHANGE_TEST_TIMEOUT_SCALE", "")
	if got := Scaled(10 * time.Second); got != 30*time.Second {
		t.Errorf("default: Scaled(10s) = %v, want 30s", got)
	}
	t.Setenv("EXCHANGE_TEST_TIMEOUT_SCALE", "0.5")
	if got := Scaled(10 * time.Second); got != 5*time.Second {
		t.Errorf("scale 0.5: Scaled(10s) = %v, want 5s", got)
	}
	for _, bad := range []string{"zero", "-2", "0"} {
		t.Setenv("EXCHANGE_TEST_TIMEOUT_SCALE", bad)
		if got := Scaled(time.Second); got != 3*time.Second {
			t.Errorf("scale %q: Scaled(1s) = %v, want the default 3s", bad, got)
		}
	}
}

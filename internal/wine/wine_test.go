package wine

import (
	"os"
	"runtime"
	"testing"
)

// TestDetected: make test-windows sets EXCHANGE_UNDER_WINE=1 for its wine
// runs; everywhere else (Linux, a real Windows runner) it is unset.
func TestDetected(t *testing.T) {
	want := os.Getenv("EXCHANGE_UNDER_WINE") == "1"
	if got := Detected(); got != want {
		t.Errorf("Detected() = %v on %s, want %v", got, runtime.GOOS, want)
	}
}

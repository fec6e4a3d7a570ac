// Package wine tells whether this program runs under wine, the Windows
// compatibility layer on which `make test-windows` runs the core's tests as
// Windows binaries. A test that cannot run there (wine lacks what it needs)
// calls SkipUnder with the reason; on a real Windows or any other system it
// runs as always.
package wine

import "testing"

// Detected reports whether this is a Windows program running under wine.
func Detected() bool { return detected() }

// SkipUnder skips the test under wine only, saying what wine lacks.
func SkipUnder(t testing.TB, why string) {
	t.Helper()
	if Detected() {
		t.Skip("under wine: " + why)
	}
}

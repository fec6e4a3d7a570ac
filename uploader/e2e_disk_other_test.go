//go:build !linux

package uploader_test

import "testing"

// A small full disk is a tmpfs mounted for the test: Linux only. The full-disk
// cases are Linux's tests; elsewhere (the Windows test binaries) they skip.
func smallDisk(t *testing.T, _ string) string {
	t.Helper()
	t.Skip("a small full disk is made with a Linux tmpfs mount; the full-disk cases run in the Linux tests")
	return ""
}

func fill(t *testing.T, _ string) {
	t.Helper()
	t.Fatal("fill needs smallDisk's Linux tmpfs")
}

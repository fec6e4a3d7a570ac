//go:build windows

package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/validate/al3/al3gen"
)

// TestDriveLetterAndLongPaths: a file under a drive-letter path, and one
// whose full path is over Windows' old 260-character limit, are read and
// checked like any other.
func TestDriveLetterAndLongPaths(t *testing.T) {
	base := t.TempDir()
	if len(base) < 2 || base[1] != ':' {
		t.Fatalf("the temporary folder %q has no drive letter", base)
	}
	long := base
	for len(long) < 300 {
		long = filepath.Join(long, strings.Repeat("d", 40))
	}
	if err := os.MkdirAll(long, 0o755); err != nil {
		t.Fatalf("make a %d-character folder: %v", len(long), err)
	}
	for _, dir := range []string{base, long} {
		path := filepath.Join(dir, "Policy.AL3")
		if err := os.WriteFile(path, al3gen.Valid(al3gen.CRLF), 0o644); err != nil {
			t.Fatalf("write %d-character path: %v", len(path), err)
		}
		rep, err := File(path, Options{})
		if err != nil {
			t.Fatalf("%d-character path: %v", len(path), err)
		}
		if len(rep.Errors()) != 0 {
			t.Errorf("%d-character path: a valid file has errors: %+v", len(path), rep.Errors())
		}
	}
}

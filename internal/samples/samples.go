// Package samples gives tests the real public files kept outside the
// repository, in shared/al3-samples next to the project's folder. They are
// not ours to redistribute, so the project's own fixtures are generated
// (validate/al3/al3gen); these add a check against real downloads where they
// are present.
package samples

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir is the folder of the samples: shared/al3-samples beside the project.
func Dir() string {
	_, file, _, _ := runtime.Caller(0) // .../internal/samples/samples.go
	root := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	return filepath.Join(filepath.Dir(root), "shared", "al3-samples")
}

// Path returns the path of a sample (parts under Dir). A clone with no
// shared folder beside it skips the test, saying so. Where the shared folder
// is, a sample missing from it fails the test when CI=true (it was lost) and
// skips it otherwise.
func Path(t testing.TB, parts ...string) string {
	t.Helper()
	dir := Dir()
	p := filepath.Join(append([]string{dir}, parts...)...)
	_, err := os.Stat(p)
	switch {
	case err == nil:
		return p
	case errors.Is(err, fs.ErrNotExist) && !exists(filepath.Dir(dir)):
		t.Skipf("real sample %s: no shared folder beside this clone (%s)", filepath.Join(parts...), filepath.Dir(dir))
	case os.Getenv("CI") == "true":
		t.Fatalf("real sample required in CI: %v", err)
	default:
		t.Skipf("real sample not available: %v", err)
	}
	return ""
}

// Read returns the content of a sample, as Path finds it.
func Read(t testing.TB, parts ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(Path(t, parts...))
	if err != nil {
		t.Fatalf("read real sample: %v", err)
	}
	return data
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

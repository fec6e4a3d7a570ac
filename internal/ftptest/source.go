package ftptest

import (
	"path/filepath"
	"runtime"
)

// sourceDir is this package's folder, to find testdata/ from any test binary.
func sourceDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

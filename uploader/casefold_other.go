//go:build !windows

package uploader

// localPathKey is the form of a local path that tells whether two paths name
// the same file: outside Windows, the path itself (see casefold.go).
func localPathKey(path string) string { return path }

package uploader

import "strings"

// localPathKey is the form of a local path that tells whether two paths name
// the same file: on Windows, case does not matter (see casefold.go).
func localPathKey(path string) string { return strings.ToLower(path) }

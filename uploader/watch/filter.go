package watch

import (
	"path"
	"path/filepath"
	"strings"
)

// DefaultIgnores are the names downloaders and editors use while a file is
// being written (or for their own bookkeeping): never taken.
var DefaultIgnores = []string{"*.tmp", "*.part", "~$*", ".*", "*.crdownload"}

// filter decides which files of the folder a watch takes.
type filter struct {
	include, exclude []string
}

func newFilter(include, exclude []string) filter {
	return filter{include: lower(include), exclude: lower(exclude)}
}

func lower(patterns []string) []string {
	out := make([]string, len(patterns))
	for i, p := range patterns {
		out[i] = strings.ToLower(filepath.ToSlash(p))
	}
	return out
}

// takes reports whether the file at rel (relative to the watched folder,
// slash-separated) is one to send.
func (f filter) takes(rel string) bool {
	rel = strings.ToLower(rel)
	name := rel[strings.LastIndex(rel, "/")+1:]
	if matchAny(DefaultIgnores, name, name) || strings.HasSuffix(name, errorSuffix) {
		return false
	}
	if len(f.include) > 0 && !matchAny(f.include, name, rel) {
		return false
	}
	return !matchAny(f.exclude, name, rel)
}

// matchAny matches patterns without a slash against name, those with one against rel.
func matchAny(patterns []string, name, rel string) bool {
	for _, p := range patterns {
		target := name
		if strings.Contains(p, "/") {
			target = rel
		}
		if ok, _ := path.Match(p, target); ok {
			return true
		}
	}
	return false
}

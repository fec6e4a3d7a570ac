package uploader

import (
	"fmt"
	"path"
	"strings"
)

// TempName is the name a file is uploaded under before it is renamed: the
// profile's pattern with NAME replaced by the file name (".NAME.exchange-part"
// by default). A pattern without NAME gets the name prepended, so two files
// never share a temporary name.
func TempName(pattern, name string) string {
	if pattern == "" {
		pattern = ".NAME.exchange-part"
	}
	if !strings.Contains(pattern, "NAME") {
		return name + pattern
	}
	return strings.ReplaceAll(pattern, "NAME", name)
}

// keepBothName is the n-th alternative final name when name already exists on
// the server: "report.al3" becomes "report (2).al3", "report (3).al3"... A
// name without an extension, or a dot file, gets the suffix at its end.
func keepBothName(name string, n int) string {
	if n <= 1 {
		return name
	}
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	if base == "" { // ".profile": the whole name is the "extension"
		base, ext = name, ""
	}
	return fmt.Sprintf("%s (%d)%s", base, n, ext)
}

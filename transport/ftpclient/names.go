package ftpclient

import (
	"path"
	"strings"

	"exchange/transport"
)

// The checks of remote names are the transport's, shared by every protocol.

func checkArgument(what, s string) error { return transport.CheckArgument(what, s) }

// dirPrefixes lists the folders MakeDirAll must make, outermost first:
// "/a/b" -> "/a", "/a/b"; "a/b" -> "a", "a/b".
func dirPrefixes(dir string) []string {
	cur := ""
	if strings.HasPrefix(dir, "/") {
		cur = "/"
	}
	var out []string
	for _, part := range strings.Split(strings.Trim(dir, "/"), "/") {
		if part == "" || part == "." {
			continue
		}
		cur = path.Join(cur, part)
		out = append(out, cur)
	}
	return out
}

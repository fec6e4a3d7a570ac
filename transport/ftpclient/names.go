package ftpclient

import (
	"fmt"
	"net"
	"path"
	"strconv"
	"strings"
)

// CheckPath refuses a remote path that could smuggle a second command into the
// control connection (CR, LF, NUL) or is empty. It sends nothing.
func CheckPath(p string) error {
	if p == "" {
		return localError("check name", fmt.Errorf("empty remote path"))
	}
	return checkArgument("remote path "+strconv.Quote(p), p)
}

func checkArgument(what, s string) error {
	if i := strings.IndexAny(s, "\r\n\x00"); i >= 0 {
		return localError("check name", fmt.Errorf("%s contains a control character (CR, LF or NUL) at position %d", what, i))
	}
	return nil
}

// CheckName refuses a file name that is not a single plain name inside the
// target directory: empty, ".", "..", containing a slash or backslash, or
// containing CR, LF or NUL.
func CheckName(name string) error {
	if err := CheckPath(name); err != nil {
		return err
	}
	if name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return localError("check name", fmt.Errorf("file name %q would leave the target folder", name))
	}
	return nil
}

// JoinRemote puts a checked file name into a remote directory.
func JoinRemote(dir, name string) (string, error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	if err := checkArgument("remote folder", dir); err != nil {
		return "", err
	}
	if dir == "" {
		return name, nil
	}
	return path.Join(dir, name), nil
}

func joinHostPort(host string, port int) string {
	return net.JoinHostPort(host, strconv.Itoa(port))
}

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

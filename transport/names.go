package transport

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// CheckPath refuses a remote path that could smuggle a second command into
// a protocol's command stream (CR, LF, NUL) or is empty. It sends nothing.
func CheckPath(p string) error {
	if p == "" {
		return RefusedHere("check name", fmt.Errorf("empty remote path"))
	}
	return CheckArgument("remote path "+strconv.Quote(p), p)
}

// CheckArgument refuses a value (a user name, a password, a command
// argument) with CR, LF or NUL; what names it in the error.
func CheckArgument(what, s string) error {
	if i := strings.IndexAny(s, "\r\n\x00"); i >= 0 {
		return RefusedHere("check name", fmt.Errorf("%s contains a control character (CR, LF or NUL) at position %d", what, i))
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
		return RefusedHere("check name", fmt.Errorf("file name %q would leave the target folder", name))
	}
	return nil
}

// JoinRemote puts a checked file name into a remote directory.
func JoinRemote(dir, name string) (string, error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	if err := CheckArgument("remote folder", dir); err != nil {
		return "", err
	}
	if dir == "" {
		return name, nil
	}
	return path.Join(dir, name), nil
}

// ResolveRemote is the path a session sends for p when the login put it in
// loginDir: p itself when it is absolute or loginDir is not an absolute
// path, else p under loginDir ("" is loginDir itself).
func ResolveRemote(loginDir, p string) string {
	if strings.HasPrefix(p, "/") || !strings.HasPrefix(loginDir, "/") {
		return p
	}
	return path.Join(loginDir, p)
}

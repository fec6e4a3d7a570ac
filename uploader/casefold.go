package uploader

import "strings"

// Windows compares file names without regard to case: "Policy.AL3" and
// "policy.al3" are one file on the clerk's PC, and one file on a server
// that stores its files on Windows (IIS, or Exchange's own built-in server
// there). So the names files of this service claim on the server are
// compared folded, on every system: two files whose names differ only in
// case never upload into one temporary file, nor rename onto each other,
// and keep both gives the second "policy (2).al3" rather than a name a
// Windows server would take for the first. Against a server that tells the
// two apart, the cost is a "(2)" that was not strictly needed.
//
// Local paths are folded only where the local disk is case-insensitive
// (localPathKey, per system): adding C:\DL\Policy.AL3 while c:\dl\policy.al3
// is queued is adding the same file again.

// remoteNameKey is the form of a remote path or name that claims compare.
func remoteNameKey(name string) string { return strings.ToLower(name) }

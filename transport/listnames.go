package transport

import (
	"fmt"
	"path"
	"strings"
)

// NameLister is a Session that can list the names in a remote folder in one
// go (FTP: NLST). Sessions that cannot (SFTP here, FTP in active mode) leave
// callers to ask about each name (Size).
type NameLister interface {
	// ListNames returns the base names of the entries of dir as the server
	// lists them. Servers may leave out hidden entries (a leading dot).
	ListNames(dir string) ([]string, error)
}

// ListNames lists dir on s, or returns ErrNotSupported when s cannot list
// names, or when dir holds characters a server may expand as a pattern
// (NLST arguments are globbed by some servers: the listing would not be
// the folder's).
func ListNames(s Session, dir string) ([]string, error) {
	l, ok := s.(NameLister)
	if !ok {
		return nil, ErrNotSupported
	}
	if strings.ContainsAny(dir, "*?[]{}~\\") || strings.HasPrefix(path.Base(dir), "-") {
		return nil, fmt.Errorf("list %s: a pattern character in the folder's name: %w", dir, ErrNotSupported)
	}
	return l.ListNames(dir)
}

// ListNames forwards to the inner session when it can list names.
func (d *decorated) ListNames(dir string) (names []string, err error) {
	l, ok := d.inner.(NameLister)
	if !ok {
		return nil, ErrNotSupported
	}
	if err := CheckPath(dir); err != nil {
		return nil, err
	}
	err = d.run(func() (err error) { names, err = l.ListNames(dir); return err })
	return names, err
}

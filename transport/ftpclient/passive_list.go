package ftpclient

import (
	"path"
	"strings"
)

// ListNames lists dir with NLST: one name a line, nothing to parse (LIST's
// formats vary, and the library silently drops the lines it cannot parse:
// a name left out would look free). Servers answer with bare names or with
// dir/name; the base name is kept ("." and "..", which pure-ftpd lists, are
// not names).
func (s *passiveSession) ListNames(dir string) ([]string, error) {
	dir = s.login.resolve(dir)
	lines, err := s.c.NameList(dir)
	s.ctl.setTimeout(s.timeout)
	if err := transferError("NLST "+dir, s.cause(err)); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(lines))
	for _, line := range lines {
		line = strings.TrimRight(line, "\r")
		if name := path.Base(line); line != "" && name != "." && name != ".." {
			names = append(names, name)
		}
	}
	return names, nil
}

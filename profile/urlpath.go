package profile

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"exchange/transport"
)

// How a remote folder is written, in a URL and in a profile.
//
// In a URL (--server, `exchange profiles add`) the path follows RFC 1738, as
// curl, lftp and browsers read it: it is relative to the folder the server
// logs the user in to. ftp://clerk@host and ftp://clerk@host/ both mean the
// login folder; ftp://host/incoming means <login folder>/incoming; %2F at the
// start (ftp://host/%2Fdata/in) or a leading // (ftp://host//data/in) makes it
// absolute. A trailing slash changes nothing; %20 and UTF-8 escapes decode.
//
// In a profile (RemoteDir) the folder is an FTP path as it is sent: empty or
// relative ("incoming") is under the login folder, and "/x" is absolute.
// Profiles saved by earlier versions stored a URL's path as it was written,
// "/incoming" for ftp://host/incoming. They keep meaning the absolute
// "/incoming": on a server that chroots (all the servers those versions
// worked with) that is exactly <login folder>/incoming, so their uploads land
// where they always did; reading them as relative would move the files of a
// clerk whose server does not chroot and who typed an absolute folder in
// Settings on purpose.

// RemoteDirFromURL is the profile's remote folder for an ftp:// URL's path:
// "" for the login folder, "incoming" (relative) or "/data/in" (absolute).
func RemoteDirFromURL(u *url.URL) (string, error) {
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return "", fmt.Errorf("the folder in the address may not contain ? or # (write them as %%3F and %%23)")
	}
	// u.Path is decoded: %2F became "/", so "/%2Fdata" and "//data" both read "//data".
	p := strings.TrimPrefix(u.Path, "/")
	if p == "" {
		return "", nil
	}
	if err := transport.CheckPath(p); err != nil {
		return "", fmt.Errorf("the folder in the address contains a control character (CR, LF or NUL)")
	}
	dir := path.Clean(p) // trailing slash, "//", "./" go
	if dir == "." {
		return "", nil
	}
	return dir, nil
}

// URLPath writes a profile's remote folder as the path of an ftp:// URL, the
// inverse of RemoteDirFromURL: "" -> "/", "in box" -> "/in%20box",
// "/data" -> "/%2Fdata".
func URLPath(remoteDir string) string {
	if remoteDir == "" {
		return "/"
	}
	var segs []string
	for _, s := range strings.Split(strings.TrimPrefix(remoteDir, "/"), "/") {
		segs = append(segs, url.PathEscape(s))
	}
	p := "/" + strings.Join(segs, "/")
	if strings.HasPrefix(remoteDir, "/") {
		p = "/%2F" + strings.TrimPrefix(p, "/")
	}
	return p
}

package profile

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// ServerURL is what a server address written as a URL says:
// ftp://user[:password]@host[:port]/folder (ftpes:// explicit TLS, ftps://
// implicit TLS, sftp://).
type ServerURL struct {
	// Profile holds the connection fields: Protocol, TLS, Host, Port (0
	// when the URL gives none), User ("anonymous" when it gives none) and
	// RemoteDir; Name is the URL without its password.
	Profile Profile
	// Password is the password written in the URL, if any: a caller keeps
	// it out of files and logs (the keychain, the password prompt).
	Password    string
	HasPassword bool
}

// ParseServerURL reads a server URL. Its errors never repeat the URL (a
// caller shows it with the password masked). The folder follows RFC 1738:
// relative to the login folder; %2F or // at its start makes it absolute.
func ParseServerURL(raw string) (ServerURL, error) {
	var out ServerURL
	p := &out.Profile
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the whole URL
		}
		return out, fmt.Errorf("it is not a valid address: %v", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "ftp":
		p.TLS = TLSNone
	case "ftpes":
		p.TLS = TLSExplicit
	case "ftps":
		p.TLS = TLSImplicit
	case "sftp":
		p.TLS, p.Protocol = TLSNone, ProtocolSFTP
		if u.User == nil {
			return out, errors.New("SFTP has no anonymous login: write sftp://USER@host/")
		}
	default:
		return out, errors.New("use ftp://, ftpes:// (explicit TLS), ftps:// (implicit TLS) or sftp://")
	}
	p.Host = u.Hostname()
	if p.Host == "" {
		return out, errors.New("no host")
	}
	if port := u.Port(); port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n <= 0 || n > 65535 {
			return out, fmt.Errorf("bad port %q", port)
		}
		p.Port = n
	}
	p.User = "anonymous"
	if u.User != nil {
		p.User = u.User.Username()
		switch {
		case p.User == "":
			return out, errors.New("the user name before @ is empty (write ftp://USER@host/, or leave out the @ for an anonymous login)")
		case strings.ContainsAny(p.User, "\r\n\x00"):
			return out, errors.New("the user name contains a line break or NUL")
		}
		out.Password, out.HasPassword = u.User.Password()
	}
	if p.RemoteDir, err = RemoteDirFromURL(u); err != nil {
		return out, err
	}
	clean := url.URL{Scheme: strings.ToLower(u.Scheme), User: url.User(p.User), Host: u.Host, Path: u.Path, RawPath: u.RawPath}
	p.Name = clean.String()
	return out, nil
}

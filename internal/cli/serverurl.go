package cli

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"exchange/uploader/profile"
)

// errPasswordInURL refuses ftp://user:password@host. A password on the
// command line is readable by every user of the computer in the process list
// (ps, /proc/PID/cmdline) for the whole run, and stays in the shell's history
// and in scheduled-task definitions; a warning would come after the harm, so
// the URL is refused and the safe ways are named.
var errPasswordInURL = errors.New("the password must not be written in the URL: anyone on this computer can read " +
	"it in the process list. Remove it and use a saved profile with its password in the keychain " +
	"(exchange profiles add, then exchange profiles set-password), the EXCHANGE_PASSWORD environment variable, " +
	"or type it when asked")

// profileFromURL turns ftp://user@host[:port]/dir into a profile named after
// the URL. A URL with a password is refused (errPasswordInURL), and no error
// ever repeats the password: the URL is shown with it masked as ****. The
// returned password is always "": it comes from the keychain, the
// environment or the prompt.
func profileFromURL(raw string) (profile.Profile, string, error) {
	shown := redactURL(raw)
	var p profile.Profile
	if hasPassword(raw) {
		return p, "", fmt.Errorf("--server %q: %w", shown, errPasswordInURL)
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the whole URL
		}
		return p, "", fmt.Errorf("--server %q is not a valid address: %v", shown, err)
	}
	if u.User != nil {
		if _, set := u.User.Password(); set {
			return p, "", fmt.Errorf("--server %q: %w", shown, errPasswordInURL)
		}
	}
	switch strings.ToLower(u.Scheme) {
	case "ftp":
		p.TLS = "none"
	case "ftpes":
		p.TLS = "explicit"
	case "ftps":
		p.TLS = "implicit"
	default:
		return p, "", fmt.Errorf("--server %q: use ftp://, ftpes:// (explicit TLS) or ftps:// (implicit TLS)", shown)
	}
	p.Host = u.Hostname()
	if p.Host == "" {
		return p, "", fmt.Errorf("--server %q: no host", shown)
	}
	if port := u.Port(); port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n <= 0 || n > 65535 {
			return p, "", fmt.Errorf("--server %q: bad port %q", shown, port)
		}
		p.Port = n
	}
	p.User = "anonymous"
	if u.User != nil {
		p.User = u.User.Username()
		switch {
		case p.User == "":
			return p, "", fmt.Errorf("--server %q: the user name before @ is empty (write ftp://USER@host/, or leave out the @ for an anonymous login)", shown)
		case strings.ContainsAny(p.User, "\r\n\x00"):
			return p, "", fmt.Errorf("--server %q: the user name contains a line break or NUL", shown)
		}
	}
	p.RemoteDir = u.Path
	clean := url.URL{Scheme: strings.ToLower(u.Scheme), User: url.User(p.User), Host: u.Host, Path: u.Path}
	p.Name = clean.String()
	return p, "", nil
}

// userinfo returns the user[:password] part of a URL as written, found the
// way url.Parse finds it (between "//" and the last "@" before the path), and
// where it starts; ok is false when there is none. It works on strings that
// url.Parse refuses, so that errors about them can be redacted too.
func userinfo(raw string) (info string, start int, ok bool) {
	start = 0
	if i := strings.Index(raw, "://"); i >= 0 {
		start = i + 3
	} else if strings.HasPrefix(raw, "//") {
		start = 2
	}
	authority := raw[start:]
	if i := strings.IndexAny(authority, "/?#"); i >= 0 {
		authority = authority[:i]
	}
	at := strings.LastIndex(authority, "@")
	if at < 0 {
		return "", 0, false
	}
	return authority[:at], start, true
}

// hasPassword reports whether raw carries user:password@ (even an empty password).
func hasPassword(raw string) bool {
	info, _, ok := userinfo(raw)
	return ok && strings.Contains(info, ":")
}

// redactURL masks the password of a server URL as ****.
func redactURL(raw string) string {
	info, start, ok := userinfo(raw)
	if !ok {
		return raw
	}
	colon := strings.Index(info, ":")
	if colon < 0 {
		return raw
	}
	return raw[:start+colon+1] + "****" + raw[start+len(info):]
}

package cli

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"exchange/profile"
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
	case "sftp":
		p.TLS, p.Protocol = "none", profile.ProtocolSFTP
		if u.User == nil {
			return p, "", fmt.Errorf("--server %q: SFTP has no anonymous login: write sftp://USER@host/", shown)
		}
	default:
		return p, "", fmt.Errorf("--server %q: use ftp://, ftpes:// (explicit TLS), ftps:// (implicit TLS) or sftp://", shown)
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
	// The path is relative to the login folder (RFC 1738); %2F or // makes it absolute.
	if p.RemoteDir, err = profile.RemoteDirFromURL(u); err != nil {
		return p, "", fmt.Errorf("--server %q: %w", shown, err)
	}
	clean := url.URL{Scheme: strings.ToLower(u.Scheme), User: url.User(p.User), Host: u.Host, Path: u.Path, RawPath: u.RawPath}
	p.Name = clean.String()
	return p, "", nil
}

// passwordSpans returns where passwords may sit in a server URL as written:
// the text between the first ":" of a user[:password] part and its "@".
// The user part is looked for where url.Parse finds it (after "scheme://"
// or a leading "//", before the first "/", up to the last "@"), and also
// from the start and after any "://" for strings url.Parse reads otherwise
// ("clerk:pw@host" is a scheme "clerk" to it): a string that merely looks
// like it holds a password is masked and refused too. It works on strings
// url.Parse refuses, so that errors about them can be masked as well.
func passwordSpans(raw string) [][2]int {
	s := raw
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s = s[:i]
	}
	starts := []int{0}
	if n := schemeLength(s); n > 0 {
		starts = append(starts, n+1)
	}
	for _, st := range append([]int(nil), starts...) {
		if strings.HasPrefix(s[st:], "//") {
			starts = append(starts, st+2)
		}
	}
	if i := strings.Index(s, "://"); i >= 0 {
		starts = append(starts, i+3)
	}
	var spans [][2]int
	for _, st := range starts {
		authority := s[st:]
		if i := strings.IndexByte(authority, '/'); i >= 0 {
			authority = authority[:i]
		}
		at := strings.LastIndex(authority, "@")
		if at < 0 {
			continue
		}
		if colon := strings.IndexByte(authority[:at], ':'); colon >= 0 {
			spans = append(spans, [2]int{st + colon + 1, st + at})
		}
	}
	return spans
}

// schemeLength returns the length of a URL's scheme as url.Parse reads it
// (a letter, then letters, digits, "+", "-" or ".", then ":"), or 0.
func schemeLength(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return 0
			}
		case c == ':':
			return i
		default:
			return 0
		}
	}
	return 0
}

// hasPassword reports whether raw carries user:password@ (even an empty password).
func hasPassword(raw string) bool { return len(passwordSpans(raw)) > 0 }

// redactURL masks the password of a server URL as ****.
func redactURL(raw string) string {
	spanStart := map[int]bool{}
	masked := make([]bool, len(raw))
	for _, sp := range passwordSpans(raw) {
		spanStart[sp[0]] = true
		for i := sp[0]; i < sp[1]; i++ {
			masked[i] = true
		}
	}
	var b strings.Builder
	for i := 0; i <= len(raw); i++ {
		if spanStart[i] && (i == 0 || !masked[i-1]) { // a masked run (or an empty password) begins
			b.WriteString("****")
		}
		if i < len(raw) && !masked[i] {
			b.WriteByte(raw[i])
		}
	}
	return b.String()
}

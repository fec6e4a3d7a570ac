package cli

import (
	"errors"
	"fmt"
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
	if hasPassword(raw) {
		return profile.Profile{}, "", fmt.Errorf("--server %q: %w", shown, errPasswordInURL)
	}
	parsed, err := profile.ParseServerURL(raw)
	if err != nil {
		return parsed.Profile, "", fmt.Errorf("--server %q: %w", shown, err)
	}
	if parsed.HasPassword {
		return profile.Profile{}, "", fmt.Errorf("--server %q: %w", shown, errPasswordInURL)
	}
	return parsed.Profile, "", nil
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

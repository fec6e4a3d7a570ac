package cli

import (
	"encoding/json"
	"flag"
	"io"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// FuzzServerURL: --server parsing never panics, never lets a password
// through, and never repeats one in an error.
func FuzzServerURL(f *testing.F) {
	for _, seed := range []string{
		"ftp://clerk@127.0.0.1:2121/in", "ftpes://clerk:S3cret@host/", "ftps://a@[::1]:990", "ftp://h",
		"ftp://u:p@x@h:21/d@e", "ftp://u:p%zz@h/", "ftp://%3A:pw@h/", "ftp:/u:p@h", "//u:p@h/x", "u:p@h",
		"ftp://u:p@[::1%25en0]:21/", "ftp://h/a:b@c?d#e@f", "FTP://U:P@H:0/", "ftp://u@h:99999/",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		p, password, err := profileFromURL(raw)
		if password != "" {
			t.Fatalf("a password came out of %q", raw)
		}
		u, perr := url.Parse(raw)
		if perr == nil && u.User != nil {
			if _, set := u.User.Password(); set && !hasPassword(raw) {
				t.Fatalf("url.Parse finds a password in %q that hasPassword does not (it would not be masked)", raw)
			}
			if _, set := u.User.Password(); set && err == nil {
				t.Fatalf("%q was accepted with a password", raw)
			}
		}
		if err != nil {
			for _, sp := range passwordSpans(raw) {
				if sp[1]-sp[0] < 4 {
					continue // too short to tell from the rest of the message
				}
				secret := raw[sp[0]:sp[1]]
				shown := strconv.Quote(redactURL(raw))
				if strings.Count(err.Error(), secret) > strings.Count(shown, secret)+strings.Count(errPasswordInURL.Error(), secret) {
					t.Fatalf("the error repeats the password %q: %v", secret, err)
				}
			}
		}
		if err == nil {
			if p.Host == "" || p.TLS == "" || p.User == "" {
				t.Fatalf("%q accepted as an incomplete profile %+v", raw, p)
			}
			if _, _, err := profileFromURL(p.Name); err != nil {
				t.Fatalf("the profile name %q of %q does not parse again: %v", p.Name, raw, err)
			}
		}
	})
}

// FuzzParseFingerprint: what is accepted is 32 colon-separated pairs of
// upper-case hex digits, and accepting it again gives the same.
func FuzzParseFingerprint(f *testing.F) {
	for _, seed := range []string{"zz", strings.Repeat("ab", 32), strings.Repeat("AB:", 31) + "AB", "", ":", strings.Repeat("0", 64) + ":"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fp, err := parseFingerprint(s)
		if err != nil {
			return
		}
		if len(fp) != 95 || strings.Count(fp, ":") != 31 || strings.ToUpper(fp) != fp {
			t.Fatalf("%q accepted as %q", s, fp)
		}
		if again, err := parseFingerprint(fp); err != nil || again != fp {
			t.Fatalf("%q -> %q -> %q, %v", s, fp, again, err)
		}
	})
}

// FuzzTerminalText: nothing a terminal acts on gets through, a quoted name
// says exactly which bytes the name has, and JSON keeps its value.
func FuzzTerminalText(f *testing.F) {
	for _, seed := range hostileNames {
		f.Add(seed)
	}
	f.Add("plain.al3")
	f.Fuzz(func(t *testing.T, s string) {
		name, text := safeName(s), safeText(s)
		for _, out := range []string{name, text} {
			if r := rawControl(out); r >= 0 {
				t.Fatalf("%q -> %q keeps %U", s, out, r)
			}
		}
		if name != s {
			if back, err := strconv.Unquote(name); err != nil || back != s {
				t.Fatalf("safeName(%q) = %s does not unquote to the name: %q %v", s, name, back, err)
			}
		}
		plain, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		escaped := jsonEscapeControls(plain)
		if r := rawControl(string(escaped)); r >= 0 {
			t.Fatalf("jsonEscapeControls(%s) = %s keeps %U", plain, escaped, r)
		}
		var a, b string
		if err := json.Unmarshal(plain, &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(escaped, &b); err != nil || a != b {
			t.Fatalf("jsonEscapeControls changed the value: %q -> %q (%v)", a, b, err)
		}
	})
}

// FuzzParseInterspersed: flags may sit anywhere among the paths; the paths
// come out in order, and after "--" every argument is a path as written.
func FuzzParseInterspersed(f *testing.F) {
	for _, seed := range []string{"a.al3", "--json\x00a\x00b", "a\x00--json\x00b", "--\x00-x.al3\x00--json", "a\x00--\x00--\x00-b",
		"--template\x00T\x00a", "--template", "-json=false\x00a", "-\x00a"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, joined string) {
		args := strings.Split(joined, "\x00")
		fs := flag.NewFlagSet("validate", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.Bool("json", false, "")
		fs.String("template", "", "")
		paths, err := parseInterspersed(fs, args)
		if err != nil {
			return
		}
		// Every path is one of the arguments, in the same order.
		i := 0
		for _, p := range paths {
			for i < len(args) && args[i] != p {
				i++
			}
			if i == len(args) {
				t.Fatalf("%q: path %q is not an argument (in order): %q", args, p, paths)
			}
			i++
		}
		if dash := indexOf(args, "--"); dash >= 0 && (dash == 0 || !strings.HasSuffix(args[dash-1], "-template")) {
			after := args[dash+1:]
			if len(paths) < len(after) || strings.Join(paths[len(paths)-len(after):], "\x00") != strings.Join(after, "\x00") {
				t.Fatalf("%q: the arguments after -- are not all paths: %q", args, paths)
			}
		}
	})
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

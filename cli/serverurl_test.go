package cli

import (
	"strings"
	"testing"

	"exchange/transport"
)

// A password in --server is refused (it would sit in the process list for
// the whole run), and no error about a --server ever repeats it.
func TestServerURLWithPasswordIsRefusedAndNeverEchoed(t *testing.T) {
	t.Setenv("EXCHANGE_PASSWORD", "")
	for _, raw := range []string{
		"ftp://clerk:S3cretPw@127.0.0.1:2121/in",
		"ftpes://clerk:S3cretPw@host.example/",
		"ftp://clerk:S3cretPw@host.example:99999/in", // bad port too
		"ftp://clerk:S3cretPw@host%zz.example/in",    // unparsable
		"gopher://clerk:S3cretPw@host.example/",      // bad scheme
		"ftp://clerk:S3cretPw@ho st/",                // space in host
		"clerk:S3cretPw@host.example",                // no scheme
	} {
		for _, cmd := range [][]string{
			{"upload", "--state", t.TempDir(), "--server", raw, "a.al3"},
			{"diagnose", "--server", raw},
			{"profiles", "--state", t.TempDir(), "add", "P", "--server", raw},
		} {
			code, out, errOut := run(cmd...)
			if code == ExitOK {
				t.Errorf("%v: accepted", cmd)
			}
			if strings.Contains(out+errOut, "S3cretPw") {
				t.Errorf("%v: the password is echoed:\n%s%s", cmd, out, errOut)
			}
			if !strings.Contains(errOut, "****") {
				t.Errorf("%v: the URL is not shown with its password masked:\n%s", cmd, errOut)
			}
		}
	}
	_, _, errOut := run("upload", "--state", t.TempDir(), "--server", "ftp://clerk:S3cretPw@127.0.0.1:2121/in", "a.al3")
	for _, want := range []string{`"ftp://clerk:****@127.0.0.1:2121/in"`, "process list", "keychain", "exchange profiles", "EXCHANGE_PASSWORD", "when asked"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("message lacks %q:\n%s", want, errOut)
		}
	}
}

func TestBadServerURLErrorsDoNotLeak(t *testing.T) {
	// Without a password, the parser's own detail is kept (it helps), and
	// url.Error's copy of the URL is not repeated twice.
	_, _, err := profileFromURL("ftp://clerk@host%zz/")
	if err == nil || !strings.Contains(err.Error(), "is not a valid address") || strings.Count(err.Error(), "ftp://clerk@host%zz/") != 1 || !strings.Contains(err.Error(), `invalid URL escape "%zz"`) {
		t.Errorf("err = %v", err)
	}
}

func TestRedactURL(t *testing.T) {
	for raw, want := range map[string]string{
		"ftp://u:p@h/d":          "ftp://u:****@h/d",
		"ftp://u:p:q@h/d":        "ftp://u:****@h/d",
		"ftp://u:p@x@h:21/d@e":   "ftp://u:****@h:21/d@e",
		"ftp://u@h/d":            "ftp://u@h/d",
		"ftp://h/a:b@c":          "ftp://h/a:b@c",
		"u:p@h":                  "u:****@h",
		"ftp://:p@h":             "ftp://:****@h",
		"ftp://u:@h":             "ftp://u:****@h",
		"ftps://u:p%40ss@h?x=@y": "ftps://u:****@h?x=@y",
		"//:@://":                "//:****@://",
		"//u:p@h/x":              "//u:****@h/x",
		"ftp:u:p@h":              "ftp:****@h", // not a URL url.Parse gives a user: masked from the first colon
		"ftp://h#u:p@x":          "ftp://h#u:p@x",
	} {
		if got := redactURL(raw); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", raw, got, want)
		}
	}
}

// The --server URL's path is relative to the login folder (RFC 1738, as curl
// and lftp read it); %2F or a leading // makes it absolute.
func TestServerURLFolderIsUnderTheLoginFolder(t *testing.T) {
	for _, c := range []struct{ url, dir string }{
		{"ftp://clerk@host/", ""},
		{"ftp://clerk@host", ""},
		{"ftp://clerk@host/incoming", "incoming"},
		{"ftp://clerk@host/incoming/", "incoming"},
		{"ftp://clerk@host/%2Fdata/in", "/data/in"},
		{"ftp://clerk@host//data/in/", "/data/in"},
		{"ftp://clerk@host/in%20box/d%C3%A9p%C3%B4t", "in box/dépôt"},
	} {
		p, _, err := profileFromURL(c.url)
		if err != nil || p.RemoteDir != c.dir {
			t.Errorf("%s: remote folder %q, %v; want %q", c.url, p.RemoteDir, err, c.dir)
		}
	}
	if _, _, err := profileFromURL("ftp://clerk@host/in%0D%0ADELE%20x"); err == nil {
		t.Error("a folder with CR LF was accepted")
	}
}

// FuzzProfileFromURL: any --server value is refused with an error or read
// into a profile whose folder is safe to send (no CR, LF or NUL, clean).
func FuzzProfileFromURL(f *testing.F) {
	for _, s := range []string{
		"ftp://clerk@127.0.0.1:2121/in", "ftpes://clerk:pw@host/incoming/al3/", "FTPS://a@[::1]:990",
		"ftp://host/%2Fabs/dir", "ftp://host//abs", "ftp://host/in%20box/d%C3%A9p%C3%B4t", "ftp://host/%00",
		"ftp://host/a?b#c", "ftp://h:99999/", "ftp:///in", "ftp://[fe80::1%25en0]/x", "ftp://host/../../etc",
		"ftp://us%0Aer@host/", "ftp://host/%2F", "ftp:host/x", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		p, _, err := profileFromURL(raw)
		if err != nil {
			return
		}
		if p.Host == "" {
			t.Fatalf("%q: accepted without a host", raw)
		}
		if p.RemoteDir != "" {
			if err := transport.CheckPath(p.RemoteDir); err != nil {
				t.Fatalf("%q: remote folder %q: %v", raw, p.RemoteDir, err)
			}
			if p.RemoteDir != "/" && strings.HasSuffix(p.RemoteDir, "/") {
				t.Fatalf("%q: remote folder %q ends with a slash", raw, p.RemoteDir)
			}
		}
	})
}

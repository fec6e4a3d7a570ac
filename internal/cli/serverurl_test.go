package cli

import (
	"strings"
	"testing"
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

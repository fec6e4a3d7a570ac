package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestProfileFromURL(t *testing.T) {
	cases := []struct {
		url, tls, host, user, pass, dir, name string
		port                                  int
	}{
		{"ftp://clerk@127.0.0.1:2121/in", "none", "127.0.0.1", "clerk", "", "in", "ftp://clerk@127.0.0.1:2121/in", 2121},
		{"ftpes://clerk@ftp.example/incoming/al3", "explicit", "ftp.example", "clerk", "", "incoming/al3", "ftpes://clerk@ftp.example/incoming/al3", 0},
		{"FTPS://a@[::1]:990", "implicit", "::1", "a", "", "", "ftps://a@[::1]:990", 990},
		{"ftp://host.example/", "none", "host.example", "anonymous", "", "", "ftp://anonymous@host.example/", 0},
	}
	for _, c := range cases {
		p, pass, err := profileFromURL(c.url)
		if err != nil {
			t.Errorf("%s: %v", c.url, err)
			continue
		}
		if string(p.TLS) != c.tls || p.Host != c.host || p.User != c.user || pass != c.pass || p.RemoteDir != c.dir || p.Port != c.port || p.Name != c.name {
			t.Errorf("%s: got %+v pass %q", c.url, p, pass)
		}
	}
	for _, bad := range []string{"http://x/", "ftp:///in", "ftp://h:99999/", "sftp://h/", "ftp://@0", "ftp://%0d%0aUSER%20x@h/", "ftp://a%00@h/"} {
		if _, _, err := profileFromURL(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestUploadUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"upload"},
		{"upload", "a.al3"},
		{"upload", "--server", "ftp://h/", "--profile", "x", "a.al3"},
		{"upload", "--server", "gopher://h/", "a.al3"},
		{"upload", "--server", "ftp://h/", "--connections", "9", "a.al3"},
		{"upload", "--bogus", "a.al3"},
	} {
		var out, errw bytes.Buffer
		if code := Run(args, strings.NewReader(""), &out, &errw); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d (stderr %q)", args, code, ExitUsage, errw.String())
		}
	}
}

func TestUploadWithoutPasswordOffTerminalIsUsageError(t *testing.T) {
	t.Setenv("EXCHANGE_PASSWORD", "")
	var out, errw bytes.Buffer
	code := Run([]string{"upload", "--state", t.TempDir(), "--server", "ftp://clerk@127.0.0.1:1/", "x.al3"}, strings.NewReader(""), &out, &errw)
	if code != ExitUsage || !strings.Contains(errw.String(), "EXCHANGE_PASSWORD") {
		t.Errorf("exit %d, stderr %q", code, errw.String())
	}
}

func TestHistoryEmpty(t *testing.T) {
	var out, errw bytes.Buffer
	if code := Run([]string{"history", "--state", t.TempDir()}, strings.NewReader(""), &out, &errw); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errw.String())
	}
	if !strings.Contains(out.String(), "no files") {
		t.Errorf("output %q", out.String())
	}
	if code := Run([]string{"history", "--limit", "-1"}, strings.NewReader(""), &out, &errw); code != ExitUsage {
		t.Errorf("negative limit: exit %d", code)
	}
}

func TestUploadUnknownProfileIsUsageError(t *testing.T) {
	var out, errw bytes.Buffer
	code := Run([]string{"upload", "--state", t.TempDir(), "--profile", "nobody", "a.al3"}, strings.NewReader(""), &out, &errw)
	if code != ExitUsage || !strings.Contains(errw.String(), "nobody") {
		t.Errorf("exit %d, stderr %q", code, errw.String())
	}
}

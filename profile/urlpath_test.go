package profile

import (
	"net/url"
	"strings"
	"testing"
)

func TestRemoteDirFromURL(t *testing.T) {
	for _, c := range []struct{ url, want string }{
		{"ftp://clerk@host", ""},
		{"ftp://clerk@host/", ""},
		{"ftp://host/incoming", "incoming"},
		{"ftp://host/incoming/", "incoming"},
		{"ftp://host/a/b/c/", "a/b/c"},
		{"ftp://host/%2Fabs/dir", "/abs/dir"},
		{"ftp://host/%2fabs/dir/", "/abs/dir"},
		{"ftp://host//abs/dir", "/abs/dir"},
		{"ftp://host/%2F", "/"},
		{"ftp://host/in%20box", "in box"},
		{"ftp://host/in box/", "in box"},
		{"ftp://host/d%C3%A9p%C3%B4t", "dépôt"},
		{"ftp://host/dépôt/été", "dépôt/été"},
		{"ftp://host/./a//b/", "a/b"},
		{"ftps://clerk@host:990/x", "x"},
	} {
		u, err := url.Parse(c.url)
		if err != nil {
			t.Fatalf("%s: %v", c.url, err)
		}
		got, err := RemoteDirFromURL(u)
		if err != nil || got != c.want {
			t.Errorf("RemoteDirFromURL(%s) = %q, %v; want %q", c.url, got, err, c.want)
		}
	}
}

func TestRemoteDirFromURLRefuses(t *testing.T) {
	for _, raw := range []string{"ftp://host/a%0D%0ADELE%20x", "ftp://host/%00", "ftp://host/in?x", "ftp://host/in#x"} {
		u, err := url.Parse(raw)
		if err != nil {
			continue // refused earlier: fine
		}
		if dir, err := RemoteDirFromURL(u); err == nil {
			t.Errorf("RemoteDirFromURL(%s) = %q, accepted", raw, dir)
		} else if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "\r") {
			t.Errorf("the error repeats a control character: %q", err)
		}
	}
}

// URLPath is the inverse of RemoteDirFromURL.
func TestURLPathRoundTrip(t *testing.T) {
	for _, dir := range []string{"", "incoming", "in box/été", "/", "/abs/dir", "a%b", "../up"} {
		p := URLPath(dir)
		u, err := url.Parse("ftp://host" + p)
		if err != nil {
			t.Fatalf("URLPath(%q) = %q: %v", dir, p, err)
		}
		got, err := RemoteDirFromURL(u)
		if err != nil || got != dir {
			t.Errorf("URLPath(%q) = %q, read back as %q, %v", dir, p, got, err)
		}
	}
}

func parseFTP(p string) (*url.URL, error) { return url.Parse("ftp://host" + p) }

package cli

import (
	"strings"
	"testing"

	"exchange/uploader/ftpclient"
)

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
			if err := ftpclient.CheckPath(p.RemoteDir); err != nil {
				t.Fatalf("%q: remote folder %q: %v", raw, p.RemoteDir, err)
			}
			if p.RemoteDir != "/" && strings.HasSuffix(p.RemoteDir, "/") {
				t.Fatalf("%q: remote folder %q ends with a slash", raw, p.RemoteDir)
			}
		}
	})
}

package ftpclient

import (
	"testing"

	"exchange/transport"
)

func TestResolveRemote(t *testing.T) {
	for _, c := range []struct{ login, p, want string }{
		{"/", ".x.exchange-part", "/.x.exchange-part"},
		{"/home/clerk", "", "/home/clerk"},
		{"/home/clerk", "incoming/.x.exchange-part", "/home/clerk/incoming/.x.exchange-part"},
		{"/home/clerk/", "in box/été/x.al3", "/home/clerk/in box/été/x.al3"},
		{"/home/clerk", "/data/in/x.al3", "/data/in/x.al3"},
		{"/home/clerk", "../shared/x", "/home/shared/x"},
		{"", "incoming/x", "incoming/x"},             // PWD refused: the server resolves it
		{"C:/ftp/clerk", "incoming/x", "incoming/x"}, // not a Unix-style path: left to the server
	} {
		if got := transport.ResolveRemote(c.login, c.p); got != c.want {
			t.Errorf("ResolveRemote(%q, %q) = %q; want %q", c.login, c.p, got, c.want)
		}
	}
}

package ftpclient

import (
	"bufio"
	"net"
	"strings"
	"testing"

	"exchange/transport"
)

func TestReplyParsing(t *testing.T) {
	in := "220 ready\r\n211-Features:\r\n MDTM\r\n HASH SHA-256*;MD5\r\n211 End\r\n230-Welcome\r\n230-more\r\n230 Logged in\r\n"
	c := &control{r: bufio.NewReader(strings.NewReader(in))}
	code, text, err := c.reply()
	if err != nil || code != 220 || text != "ready" {
		t.Fatalf("banner: %d %q %v", code, text, err)
	}
	code, text, err = c.reply()
	if err != nil || code != 211 {
		t.Fatalf("FEAT: %d %v", code, err)
	}
	feat := parseFeatures(text)
	if feat["HASH"] != "SHA-256*;MD5" || len(feat) != 2 {
		t.Errorf("features = %v", feat)
	}
	code, text, err = c.reply()
	if err != nil || code != 230 || !strings.HasSuffix(text, "Logged in") {
		t.Fatalf("multi-line 230: %d %q %v", code, text, err)
	}
	for _, bad := range []string{"2\r\n", "abc ok\r\n", "999 no\r\n", "220xready\r\n"} {
		c := &control{r: bufio.NewReader(strings.NewReader(bad))}
		if _, _, err := c.reply(); err == nil {
			t.Errorf("reply %q accepted", bad)
		}
	}
}

func TestDataAddressArguments(t *testing.T) {
	if got := eprtArgument(net.ParseIP("192.0.2.7"), 50123); got != "|1|192.0.2.7|50123|" {
		t.Errorf("EPRT v4 = %s", got)
	}
	if got := eprtArgument(net.ParseIP("2001:db8::1"), 2121); got != "|2|2001:db8::1|2121|" {
		t.Errorf("EPRT v6 = %s", got)
	}
	got, err := portArgument(net.ParseIP("10.1.2.3"), 0xC35B)
	if err != nil || got != "10,1,2,3,195,91" {
		t.Errorf("PORT = %s, %v", got, err)
	}
	if _, err := portArgument(net.ParseIP("::1"), 21); err == nil {
		t.Error("PORT accepted an IPv6 address")
	}
}

func TestControlRefusesInjectedCommands(t *testing.T) {
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	c := newControl(a, &transport.Config{})
	if err := c.send("STOR x\r\nDELE y"); err == nil || transport.ClassOf(err) != transport.ClassPermanent {
		t.Fatalf("send with CRLF: %v", err)
	}
}

func TestDirPrefixes(t *testing.T) {
	for dir, want := range map[string]string{"/a/b": "/a /a/b", "a//b/": "a a/b", "/": "", "./in": "in"} {
		if got := strings.Join(dirPrefixes(dir), " "); got != want {
			t.Errorf("dirPrefixes(%q) = %q, want %q", dir, got, want)
		}
	}
}

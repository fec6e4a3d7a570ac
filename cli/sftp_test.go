package cli

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/profile"
)

func TestSFTPServerURL(t *testing.T) {
	for _, c := range []struct{ url, dir string }{
		{"sftp://clerk@host.example", ""},
		{"sftp://clerk@host.example/incoming", "incoming"},
		{"sftp://clerk@host.example/%2Fdata/in", "/data/in"},
		{"sftp://clerk@host.example//data/in", "/data/in"},
	} {
		p, pw, err := profileFromURL(c.url)
		if err != nil || pw != "" {
			t.Fatalf("%s: %v", c.url, err)
		}
		if !p.IsSFTP() || p.RemoteDir != c.dir || p.User != "clerk" || p.Port != 0 {
			t.Errorf("%s: %+v", c.url, p)
		}
		p.Name = "saved as a profile"
		if err := p.WithDefaults().Validate(); err != nil {
			t.Errorf("%s: %v", c.url, err)
		}
	}
	p, _, err := profileFromURL("sftp://clerk@host.example:2222/in")
	if err != nil || p.Port != 2222 || describeProfile(p) != "sftp://clerk@host.example:2222/in" {
		t.Errorf("with a port: %+v %q %v", p, describeProfile(p), err)
	}
	if _, _, err := profileFromURL("sftp://host.example/in"); err == nil || !strings.Contains(err.Error(), "USER@") {
		t.Errorf("no user: %v", err)
	}
	if _, _, err := profileFromURL("sftp://clerk:secret@host.example/in"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("password in the URL: %v", err)
	}
}

func TestHostKeyAndKeyFlags(t *testing.T) {
	key := filepath.Join(t.TempDir(), "id")
	if err := os.WriteFile(key, []byte("not read here"), 0o600); err != nil {
		t.Fatal(err)
	}
	parse := func(args ...string) sshFlags {
		var s sshFlags
		fs := flag.NewFlagSet("x", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		s.register(fs)
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		return s
	}
	sftp, _, _ := profileFromURL("sftp://clerk@h/in")
	fp := "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"
	if err := parse("--host-key", fp, "--key", key).apply(&sftp); err != nil || sftp.PinnedSHA256 != fp || sftp.KeyFile != key {
		t.Fatalf("%+v %v", sftp, err)
	}
	if err := parse("--host-key", "AB:CD").apply(&sftp); err == nil {
		t.Error("a malformed host key was taken")
	}
	ftp, _, _ := profileFromURL("ftp://clerk@h/in")
	if err := parse("--host-key", fp).apply(&ftp); err == nil {
		t.Error("--host-key taken for an FTP server")
	}
	if _, err := pinFor(sftp, strings.Repeat("AB", 32)); err == nil || !strings.Contains(err.Error(), "--host-key") {
		t.Errorf("--tls-fingerprint on SFTP: %v", err)
	}
	t.Setenv("SSH_AUTH_SOCK", "")
	if !sftpNeedsPassword(profile.Profile{Protocol: "sftp"}) || sftpNeedsPassword(profile.Profile{Protocol: "sftp", KeyFile: key}) {
		t.Error("password need: want it without key or agent, not with a plain key file")
	}
}

func TestProfilesShowSFTP(t *testing.T) {
	var b strings.Builder
	showSFTP(&b, profile.Profile{Protocol: "sftp", KeyFile: "/k"})
	if !strings.Contains(b.String(), "host key:     not pinned yet") || !strings.Contains(b.String(), "key file:     /k") {
		t.Errorf("%q", b.String())
	}
}

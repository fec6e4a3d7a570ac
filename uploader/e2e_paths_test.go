package uploader_test

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/cli"
	"exchange/internal/ftptest"
)

// TestEndToEndURLPathLandsUnderTheLoginFolder sends a file with
// `exchange upload --server URL` to servers that chroot and servers that do
// not, and checks where it lands on disk: the URL's path is under the login
// folder (RFC 1738), with or without a trailing slash, with spaces and
// non-ASCII escaped; %2F or a leading // makes it absolute.
func TestEndToEndURLPathLandsUnderTheLoginFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three real servers; skipped with -short")
	}
	data := validAL3(61, 8<<10)
	local := t.TempDir()
	file := writeFiles(t, local, map[string][]byte{"policy.al3": data})[0]
	for _, sv := range []struct {
		kind ftptest.Kind
		opts ftptest.Options
	}{
		{ftptest.VSFTPD, ftptest.Options{NoChroot: true}},
		{ftptest.ProFTPD, ftptest.Options{NoChroot: true}},
		{ftptest.PureFTPd, ftptest.Options{}},
	} {
		name := string(sv.kind)
		if sv.opts.NoChroot {
			name += "-nochroot"
		}
		t.Run(name, func(t *testing.T) {
			srv := ftptest.Start(t, sv.kind, sv.opts)
			base := fmt.Sprintf("ftp://%s@%s:%d", srv.User, srv.Host, srv.Port)
			// The login folder as an absolute URL path: %2F, then each segment escaped.
			absLogin := strings.TrimPrefix(srv.LoginDir, "/")
			for _, c := range []struct{ path, landsIn string }{
				{"", "."},
				{"/", "."},
				{"/in", "in"},
				{"/in/", "in"},
				{"/in%20box/d%C3%A9p%C3%B4t", "in box/dépôt"},
				{"/in box/dépôt/", "in box/dépôt"},
				{"/%2F" + escapePath(absLogin) + "/abs", "abs"},
				{"//" + escapePath(absLogin) + "/double/", "double"},
			} {
				server := base + c.path
				if absLogin == "" && strings.HasPrefix(c.path, "//") {
					continue // "///double" is not the same test on a chrooting server
				}
				t.Run(c.path, func(t *testing.T) {
					t.Setenv("EXCHANGE_PASSWORD", srv.Password)
					var out bytes.Buffer
					code := cli.Run([]string{"upload", "--state", t.TempDir(), "--server", server, file},
						strings.NewReader(""), &out, &out)
					if code != cli.ExitOK {
						t.Fatalf("exchange upload --server %s: exit %d\n%s\n%s", server, code, out.String(), srv.Log())
					}
					assertLanded(t, filepath.Join(srv.Dir, filepath.FromSlash(c.landsIn), "policy.al3"), data)
					if err := os.Remove(filepath.Join(srv.Dir, filepath.FromSlash(c.landsIn), "policy.al3")); err != nil {
						t.Fatal(err)
					}
				})
			}
		})
	}
}

// TestEndToEndLoginFolderNotWritable: a server whose login folder refuses
// files but whose subfolder takes them; ftp://host/incoming works, and
// ftp://host/ fails without leaving anything.
func TestEndToEndLoginFolderNotWritable(t *testing.T) {
	data := validAL3(62, 8<<10)
	file := writeFiles(t, t.TempDir(), map[string][]byte{"policy.al3": data})[0]
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{NoChroot: true, LoginNotWritable: true})
	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	base := fmt.Sprintf("ftp://%s@%s:%d/", srv.User, srv.Host, srv.Port)
	var out bytes.Buffer
	if code := cli.Run([]string{"upload", "--state", t.TempDir(), "--server", base + ftptest.WritableSubfolder + "/", file},
		strings.NewReader(""), &out, &out); code != cli.ExitOK {
		t.Fatalf("upload to %s: exit %d\n%s", ftptest.WritableSubfolder, code, out.String())
	}
	assertLanded(t, filepath.Join(srv.Dir, ftptest.WritableSubfolder, "policy.al3"), data)
	out.Reset()
	if code := cli.Run([]string{"upload", "--state", t.TempDir(), "--server", base, file},
		strings.NewReader(""), &out, &out); code == cli.ExitOK {
		t.Fatalf("upload to the read-only login folder succeeded:\n%s", out.String())
	}
	entries, _ := os.ReadDir(srv.Dir)
	for _, e := range entries {
		if e.Name() != ftptest.WritableSubfolder {
			t.Errorf("%s left in the login folder", e.Name())
		}
	}
}

func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

func assertLanded(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the file is not where it should be: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: %d bytes, want %d identical", path, len(got), len(want))
	}
}

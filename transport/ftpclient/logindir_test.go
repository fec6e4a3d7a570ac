package ftpclient_test

import (
	"bytes"
	"context"
	"os"
	"path"
	"testing"

	"exchange/internal/ftptest"
	"exchange/transport"
	"exchange/transport/ftpclient"
)

// loginFolderServers are the servers whose login folder differs from "/"
// (NoChroot) next to ones that chroot, so relative and absolute paths are
// told apart by where the file lands on disk.
var loginFolderServers = []struct {
	kind ftptest.Kind
	opts ftptest.Options
}{
	{ftptest.VSFTPD, ftptest.Options{NoChroot: true}},
	{ftptest.ProFTPD, ftptest.Options{NoChroot: true}},
	{ftptest.VSFTPD, ftptest.Options{}},
	{ftptest.FTPServerLib, ftptest.Options{}},
}

// TestRelativePathsLandInTheLoginFolder: a session learns its login folder
// from PWD, and relative paths (folders made, temporary upload, rename, SIZE,
// DELE) land under it, on a server that chroots and on one that does not; an
// absolute path stays absolute.
func TestRelativePathsLandInTheLoginFolder(t *testing.T) {
	data := []byte("1MHG a small file\r\n")
	for _, sv := range loginFolderServers {
		name := string(sv.kind)
		if sv.opts.NoChroot {
			name += "-nochroot"
		}
		t.Run(name, func(t *testing.T) {
			srv := ftptest.Start(t, sv.kind, sv.opts)
			for _, mode := range modes {
				t.Run(mode.String(), func(t *testing.T) {
					s, err := ftpclient.Dial(context.Background(), srv.Config(mode, transport.TLSNone))
					if err != nil {
						t.Fatalf("dial: %v\n%s", err, srv.Log())
					}
					defer s.Quit()
					if got := s.LoginDir(); got != srv.LoginDir {
						t.Errorf("LoginDir() = %q; the server's login folder is %q", got, srv.LoginDir)
					}
					dir := mode.String() + "/in box/dossier été"
					if err := s.MakeDirAll(dir); err != nil {
						t.Fatalf("MakeDirAll(%q): %v\n%s", dir, err, srv.Log())
					}
					temp, final := dir+"/.policy.al3.exchange-part", dir+"/policy.al3"
					if err := s.Store(temp, bytes.NewReader(data), 0); err != nil {
						t.Fatalf("Store(%q): %v\n%s", temp, err, srv.Log())
					}
					if n, err := s.Size(temp); err != nil || n != int64(len(data)) {
						t.Fatalf("Size(%q) = %d, %v", temp, n, err)
					}
					if err := s.Rename(temp, final); err != nil {
						t.Fatalf("Rename: %v\n%s", err, srv.Log())
					}
					assertFile(t, srv.Path(final), data)
					if _, err := os.Stat(srv.Path(temp)); !os.IsNotExist(err) {
						t.Errorf("the temporary file is still there: %v", err)
					}
					// The same folder named absolutely, from PWD's answer.
					abs := path.Join(srv.LoginDir, mode.String(), "absolute.al3")
					if err := s.Store(abs, bytes.NewReader(data), 0); err != nil {
						t.Fatalf("Store(%q): %v\n%s", abs, err, srv.Log())
					}
					assertFile(t, srv.Path(mode.String()+"/absolute.al3"), data)
					if err := s.Delete(final); err != nil {
						t.Fatalf("Delete(%q): %v", final, err)
					}
					if _, err := os.Stat(srv.Path(final)); !os.IsNotExist(err) {
						t.Errorf("deleted file still on disk: %v", err)
					}
				})
			}
		})
	}
}

// TestLoginFolderNotWritable: where the login folder refuses files but a
// subfolder takes them, a bare name is refused and the subfolder works.
func TestLoginFolderNotWritable(t *testing.T) {
	data := []byte("1MHG a small file\r\n")
	for _, k := range []ftptest.Kind{ftptest.VSFTPD, ftptest.ProFTPD, ftptest.PureFTPd} {
		t.Run(string(k), func(t *testing.T) {
			srv := ftptest.Start(t, k, ftptest.Options{LoginNotWritable: true})
			for _, mode := range modes {
				t.Run(mode.String(), func(t *testing.T) {
					s, err := ftpclient.Dial(context.Background(), srv.Config(mode, transport.TLSNone))
					if err != nil {
						t.Fatalf("dial: %v\n%s", err, srv.Log())
					}
					defer s.Quit()
					if err := s.Store("refused.al3", bytes.NewReader(data), 0); err == nil {
						t.Errorf("a file was stored in the read-only login folder")
					}
					name := ftptest.WritableSubfolder + "/" + mode.String() + ".al3"
					if err := s.Store(name, bytes.NewReader(data), 0); err != nil {
						t.Fatalf("Store(%q): %v\n%s", name, err, srv.Log())
					}
					assertFile(t, srv.Path(name), data)
				})
			}
		})
	}
}

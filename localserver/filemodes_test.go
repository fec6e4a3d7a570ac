package localserver

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/jlaffaye/ftp"
)

// A received file is data: never executable. Folders made by MKD are
// rwxr-xr-x at most. (The process umask may take away more; never add.)
func TestReceivedFilesAreNotExecutable(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix file modes")
	}
	dir := t.TempDir()
	srv, err := Start(Options{Dir: dir, User: "agent", Password: "secret"})
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	conn, err := ftp.Dial(srv.Addr(), ftp.DialWithTimeout(30*time.Second))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer func() { _ = conn.Quit() }()
	if err := conn.Login("agent", "secret"); err != nil {
		t.Fatalf("login: %v", err)
	}
	if err := conn.MakeDir("inbox"); err != nil {
		t.Fatalf("MKD: %v", err)
	}
	if err := conn.Stor("inbox/policy.al3", bytes.NewReader([]byte("1MHG data"))); err != nil {
		t.Fatalf("STOR: %v", err)
	}
	if err := conn.Stor("top.al3", bytes.NewReader([]byte("1MHG data"))); err != nil {
		t.Fatalf("STOR: %v", err)
	}
	for _, name := range []string{"top.al3", "inbox/policy.al3"} {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if m := fi.Mode().Perm(); m&0o111 != 0 || m&0o600 != 0o600 || m&^0o666 != 0 {
			t.Errorf("%s has mode %v; want rw for its owner, no execute bit (rw-r--r-- under umask 022)", name, fi.Mode())
		}
	}
	fi, err := os.Stat(filepath.Join(dir, "inbox"))
	if err != nil {
		t.Fatal(err)
	}
	if m := fi.Mode().Perm(); m&0o700 != 0o700 || m&^0o755 != 0 {
		t.Errorf("folder inbox has mode %v; want rwx for its owner and at most rwxr-xr-x", fi.Mode())
	}
}

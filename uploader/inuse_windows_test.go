package uploader_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/windows"

	"exchange/uploader"
)

// TestFileHeldOpenIsNotReadUntilReleased: a file another program holds open
// for writing with no sharing (a carrier's downloader still writing it) is
// not read while it is held (a sharing violation, not a partial read), and
// is checked and sent once it is released.
func TestFileHeldOpenIsNotReadUntilReleased(t *testing.T) {
	root := t.TempDir()
	srv := startTestFTP(t, root)
	if err := os.MkdirAll(filepath.Join(root, "in"), 0o777); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "download.al3")
	data := validAL3(61, 8<<10)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		t.Fatal(err)
	}
	// Share mode 0: no one else may read, write or delete it while it is open.
	h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil, windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		t.Fatalf("hold the file: %v", err)
	}
	released := false
	release := func() {
		if !released {
			released = true
			windows.CloseHandle(h)
		}
	}
	t.Cleanup(release)
	if _, err := os.ReadFile(path); err == nil {
		t.Fatal("the file could be read while held with no sharing: the test holds nothing")
	}

	x := newE2E(t, t.TempDir(), localProfile(srv.port, "/in"), 10*time.Millisecond)
	ids, err := x.svc.Add(path)
	if err != nil {
		t.Fatal(err)
	}
	x.svc.Start()
	time.Sleep(2 * time.Second) // the writer keeps the file this long: nothing may happen meanwhile
	if kinds := x.kinds(ids[0]); bytes.Contains([]byte(kinds), []byte("failed")) || bytes.Contains([]byte(kinds), []byte("done")) {
		t.Fatalf("while the file was held: %s; want it waiting for the file", kinds)
	}
	if _, err := os.Stat(filepath.Join(root, "in", "download.al3")); err == nil {
		t.Fatal("the file reached the server while another program held it")
	}
	release()
	x.waitState(ids[0], uploader.EventDone, 60*time.Second)
	got, err := os.ReadFile(filepath.Join(root, "in", "download.al3"))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("on the server after release: %d bytes, %v; want the %d bytes written", len(got), err, len(data))
	}
}

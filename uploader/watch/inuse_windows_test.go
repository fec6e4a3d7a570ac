package watch_test

import (
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/windows"

	"exchange/internal/ftptest"
	"exchange/internal/testwait"
	"exchange/uploader/watch"
)

// A carrier's downloader writes a file into the watched folder and keeps it
// open (Windows: opened for writing, others may only read). Its size and
// time stop changing long before it lets go, so only the sharing check can
// tell: the watch does not take the file while the writer holds it, and
// sends it once released.
func TestWatchWaitsForAWriterHoldingTheFile(t *testing.T) {
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{})
	const settle = 300 * time.Millisecond
	r := newRig(t, srv, watch.Options{Settle: settle})
	r.start()

	path := filepath.Join(r.opts.Dir, "DOWNLOAD.AL3")
	data := validAL3(41, 16<<10)
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := windows.CreateFile(name, windows.GENERIC_WRITE, windows.FILE_SHARE_READ, nil, windows.CREATE_NEW, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		t.Fatalf("the writer's open: %v", err)
	}
	released := false
	release := func() {
		if !released {
			released = true
			windows.CloseHandle(h)
		}
	}
	t.Cleanup(release)
	var n uint32
	if err := windows.WriteFile(h, data, &n, nil); err != nil || int(n) != len(data) {
		t.Fatalf("the writer wrote %d of %d bytes: %v", n, len(data), err)
	}

	// A file written and closed beside it is taken and sent meanwhile: the
	// watch has seen the folder and let the settle time pass; the held file,
	// written first, is still not taken, for a few settle times more.
	control := validAL3(42, 16<<10)
	writeFile(t, filepath.Join(r.opts.Dir, "CONTROL.AL3"), control)
	r.waitFor("the file beside it sent", 30*time.Second, func() bool { return r.count(watch.EventSent, "CONTROL.AL3") == 1 })
	for hold := time.Now().Add(testwait.Scaled(3 * settle)); time.Now().Before(hold); time.Sleep(20 * time.Millisecond) {
		if r.count(watch.EventTaken, "DOWNLOAD.AL3") > 0 {
			t.Fatalf("the watch took the file while the writer held it open\n%s", r.eventsText())
		}
	}
	if _, sent := serverFiles(t, srv)["DOWNLOAD.AL3"]; sent {
		t.Fatal("the held file is on the server while the writer holds it")
	}
	release()
	r.arrivedOnce(srv, map[string][]byte{"DOWNLOAD.AL3": data, "CONTROL.AL3": control}, 30*time.Second)
	// On the server before the watch hears the service say so: wait for it.
	r.waitFor("the held file's sent event", 30*time.Second, func() bool { return r.count(watch.EventSent, "DOWNLOAD.AL3") > 0 })
	if n := r.count(watch.EventSent, "DOWNLOAD.AL3"); n != 1 {
		t.Errorf("%d sent events, want 1\n%s", n, r.eventsText())
	}
}

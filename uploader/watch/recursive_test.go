//go:build unix

package watch_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/uploader/watch"
)

// With Recursive, a file in a sub-folder (one made after the start too) is
// sent and moved to the same place under Sent/; what lands in Sent/ and
// Failed/ is never taken again.
func TestRecursiveWatchTakesSubfoldersButNotSentOrFailed(t *testing.T) {
	srv := startServer(t, ftptest.FTPServerLib)
	r := newRig(t, srv, watch.Options{Settle: testSettle, Recursive: true, SweepEvery: 500 * time.Millisecond})
	r.start()
	sub := filepath.Join(r.opts.Dir, "carrier", "2026")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	data := validAL3(30, 4<<10)
	writeFile(t, filepath.Join(sub, "DEEP.AL3"), data)
	writeFile(t, filepath.Join(sub, "BROKEN.AL3"), []byte("no AL3 here\r\n"))
	r.arrivedOnce(srv, map[string][]byte{"DEEP.AL3": data}, 20*time.Second)
	moved := filepath.Join(r.opts.Dir, watch.SentFolder, "carrier", "2026", "DEEP.AL3")
	failed := filepath.Join(r.opts.Dir, watch.FailedFolder, "carrier", "2026", "BROKEN.AL3")
	r.waitFor("moved under Sent/ and Failed/", 20*time.Second, func() bool { return exists(moved) && exists(failed+".error.txt") })
	time.Sleep(3 * testSettle) // sweeps go by
	if n := r.count(watch.EventTaken, "DEEP.AL3"); n != 1 {
		t.Errorf("DEEP.AL3 taken %d times, want once:\n%s", n, r.eventsText())
	}
	if n := r.count(watch.EventTaken, "BROKEN.AL3"); n != 1 {
		t.Errorf("BROKEN.AL3 taken %d times, want once:\n%s", n, r.eventsText())
	}
}

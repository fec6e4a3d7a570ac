package uploader_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"exchange/uploader"
)

// TestEndToEndLocalFileCutShortMidUploadLeavesNoTemp: a large file cut short
// while it is being sent (its read runs ahead of the upload, from the size it
// was checked at) fails as a file that changed after its check, and its
// temporary file is removed from the server.
func TestEndToEndLocalFileCutShortMidUploadLeavesNoTemp(t *testing.T) {
	root := t.TempDir()
	srv := startTestFTP(t, root)
	srv.throttle.Store(4 << 20) // 4 MB/s: the 12 MB file takes 3 s
	paths := writeFiles(t, t.TempDir(), map[string][]byte{"big.al3": validAL3(91, 12<<20)})
	x := newE2E(t, t.TempDir(), localProfile(srv.port, "/in"), 10*time.Millisecond)
	ids, err := x.svc.Add(paths...)
	if err != nil {
		t.Fatal(err)
	}
	x.svc.Start()
	waitTempGrows(t, filepath.Join(root, "in", uploader.TempName("", "big.al3")), 1<<20)
	if err := os.Truncate(paths[0], 8<<20); err != nil {
		t.Fatal(err)
	}
	x.wait(120*time.Second, 0)
	it := x.final(ids[0])
	if it.Kind != uploader.EventFailed || !strings.Contains(it.Err, "changed after it was checked") {
		t.Errorf("item ended %s (%s: %s), want failed as changed", it.Kind, x.kinds(ids[0]), it.Err)
	}
	if left := serverFiles(filepath.Join(root, "in")); len(left) > 0 {
		t.Errorf("left on the server: %v", left)
	}
}

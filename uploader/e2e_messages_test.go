package uploader_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"exchange/uploader"
)

// TestEndToEndFinalFailureDoesNotPromiseARetry: a server that refuses every
// connection is retried, each retry saying so, and the final failure says
// that Exchange gave up, not that it will try again (issue 15 item 12, issue
// 14 item 9).
func TestEndToEndFinalFailureDoesNotPromiseARetry(t *testing.T) {
	srv := startTestFTP(t, t.TempDir())
	srv.stop() // the port now refuses connections
	paths := writeFiles(t, t.TempDir(), map[string][]byte{"a.al3": validAL3(50, 4<<10)})
	p := localProfile(srv.port, "/in")
	p.MaxRetries = 2
	x := newE2E(t, t.TempDir(), p, 10*time.Millisecond)
	ids := x.run(60*time.Second, paths...)
	x.mu.Lock()
	defer x.mu.Unlock()
	var retries, failures int
	for _, e := range x.events {
		if e.Item != ids[0] {
			continue
		}
		switch e.Kind {
		case uploader.EventRetrying:
			retries++
			if !strings.Contains(e.Hint, "will try again") {
				t.Errorf("retrying event without the promise of a retry: %q", e.Hint)
			}
		case uploader.EventFailed:
			failures++
			if strings.Contains(e.Hint, "will try again") || !strings.Contains(e.Hint, "gave up after 3 attempts") {
				t.Errorf("final failure hint %q, want one saying Exchange gave up after 3 attempts", e.Hint)
			}
		}
	}
	if retries != 2 || failures != 1 {
		t.Errorf("%d retrying and %d failed events, want 2 and 1", retries, failures)
	}
}

// TestEndToEndBadLocalNameSaysNothingWasSent: a file name that FTP cannot
// carry (CR in it) is refused on this PC: the hint says nothing was sent and
// does not blame the server, and the server received nothing.
func TestEndToEndBadLocalNameSaysNothingWasSent(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows file names cannot hold CR: no such file can exist there")
	}
	root := t.TempDir()
	srv := startTestFTP(t, root)
	local := t.TempDir()
	bad := filepath.Join(local, "policy\r.al3")
	if err := os.WriteFile(bad, validAL3(51, 4<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	x := newE2E(t, t.TempDir(), localProfile(srv.port, "/in"), 10*time.Millisecond)
	ids := x.run(60*time.Second, bad)
	x.mu.Lock()
	var failed *uploader.Event
	for i, e := range x.events {
		if e.Item == ids[0] && e.Kind == uploader.EventFailed {
			failed = &x.events[i]
		}
	}
	x.mu.Unlock()
	if failed == nil {
		t.Fatalf("no failed event: %s", x.kinds(ids[0]))
	}
	if !strings.Contains(failed.Hint, "Nothing was sent") || strings.Contains(failed.Hint, "server") && strings.Contains(failed.Hint, "refused") {
		t.Errorf("hint %q, want one saying nothing was sent, without blaming the server", failed.Hint)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("the server received something: %v", entries)
	}
}

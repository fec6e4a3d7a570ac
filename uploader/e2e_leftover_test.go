package uploader_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/profile"
	"exchange/transport"
	"exchange/uploader"
)

// serverFiles lists the names in a server folder.
func serverFiles(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// waitTempGrows waits until the temporary file has more than n bytes.
func waitTempGrows(t *testing.T, temp string, n int64) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if st, err := os.Stat(temp); err == nil && st.Size() > n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the upload never got going")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitNoFiles waits until the server folder is empty.
func waitNoFiles(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for len(serverFiles(dir)) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("left on the server: %v", serverFiles(dir))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestEndToEndLocalFileDeletedMidUploadLeavesNoTemp: the local file deleted
// while it is being sent fails the item, and its temporary file is removed
// from the server (issue 15 item 7).
func TestEndToEndLocalFileDeletedMidUploadLeavesNoTemp(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows refuses to delete a file another program has open, and Exchange holds it while sending: the case cannot happen there")
	}
	root := t.TempDir()
	srv := startTestFTP(t, root)
	srv.throttle.Store(4 << 20) // 4 MB/s: the 12 MB file takes 3 s
	paths := writeFiles(t, t.TempDir(), map[string][]byte{"big.al3": validAL3(90, 12<<20)})
	x := newE2E(t, t.TempDir(), localProfile(srv.port, "/in"), 10*time.Millisecond)
	ids, err := x.svc.Add(paths...)
	if err != nil {
		t.Fatal(err)
	}
	x.svc.Start()
	waitTempGrows(t, filepath.Join(root, "in", uploader.TempName("", "big.al3")), 1<<20)
	if err := os.Remove(paths[0]); err != nil {
		t.Fatal(err)
	}
	x.wait(120*time.Second, 0)
	if it := x.final(ids[0]); it.Kind != uploader.EventFailed {
		t.Errorf("item ended %s (%s), want failed", it.Kind, x.kinds(ids[0]))
	}
	if left := serverFiles(filepath.Join(root, "in")); len(left) > 0 {
		t.Errorf("left on the server: %v", left)
	}
}

// startFullServer starts vsftpd on a 4 MB disk, with a writable /in.
func startFullServer(t *testing.T) (*ftptest.Server, string) {
	t.Helper()
	srv := ftptest.Start(t, ftptest.VSFTPD, ftptest.Options{Dir: smallDisk(t, "4m")})
	dir := srv.Path("/in")
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	_ = os.Chmod(dir, 0o777)
	return srv, dir
}

// TestEndToEndServerDiskFullLeavesNoTemp: a server whose disk is full fails
// the upload after its retries, and the partial temporary file is removed
// (issue 15 item 7), in both modes.
func TestEndToEndServerDiskFullLeavesNoTemp(t *testing.T) {
	for _, mode := range []transport.Mode{transport.Passive, transport.Active} {
		t.Run(mode.String(), func(t *testing.T) {
			srv, dir := startFullServer(t)
			paths := writeFiles(t, t.TempDir(), map[string][]byte{"big.al3": validAL3(91, 6<<20)})
			p := localProfile(srv.Port, "/in")
			p.User, p.Mode, p.MaxRetries, p.Connections = srv.User, profile.Mode(mode.String()), 1, 1
			x := newE2EWithPassword(t, t.TempDir(), p, srv.Password, 10*time.Millisecond)
			ids := x.run(120*time.Second, paths...)
			if it := x.final(ids[0]); it.Kind != uploader.EventFailed || !strings.Contains(x.kinds(ids[0]), "retrying") {
				t.Errorf("item ended %s (%s), want failed after a retry", it.Kind, x.kinds(ids[0]))
			}
			if left := serverFiles(dir); len(left) > 0 {
				t.Errorf("left on the server: %v; events %s", left, x.kinds(ids[0]))
			}
		})
	}
}

// TestEndToEndCancelOrRemoveWhileWaitingForARetryRemovesTemp: an item that
// failed once on a full server waits for its retry with a partial temporary
// file there; canceling it (or removing it from the list) removes that file
// (issue 15 item 7).
func TestEndToEndCancelOrRemoveWhileWaitingForARetryRemovesTemp(t *testing.T) {
	for _, how := range []string{"cancel", "remove"} {
		t.Run(how, func(t *testing.T) {
			srv, dir := startFullServer(t)
			paths := writeFiles(t, t.TempDir(), map[string][]byte{"big.al3": validAL3(92, 6<<20)})
			p := localProfile(srv.Port, "/in")
			p.User, p.Connections = srv.User, 1
			x := newE2EWithPassword(t, t.TempDir(), p, srv.Password, time.Hour)
			ids, err := x.svc.Add(paths...)
			if err != nil {
				t.Fatal(err)
			}
			x.svc.Start()
			x.waitState(ids[0], uploader.EventRetrying, 60*time.Second)
			if left := serverFiles(dir); len(left) != 1 {
				t.Fatalf("want the partial temporary file on the server, found %v", left)
			}
			if how == "cancel" {
				err = x.svc.Cancel(ids[0])
			} else {
				err = x.svc.Remove(ids[0])
			}
			if err != nil {
				t.Fatal(err)
			}
			waitNoFiles(t, dir)
			x.mu.Lock()
			defer x.mu.Unlock()
			for _, e := range x.events {
				if e.Kind == uploader.EventLeftover {
					t.Errorf("leftover reported: %s", e.Note)
				}
			}
		})
	}
}

// TestEndToEndCancelWhileUploadingRemovesTemp: canceling a running upload on a
// real server removes its temporary file.
func TestEndToEndCancelWhileUploadingRemovesTemp(t *testing.T) {
	root := t.TempDir()
	srv := startTestFTP(t, root)
	srv.throttle.Store(4 << 20)
	paths := writeFiles(t, t.TempDir(), map[string][]byte{"big.al3": validAL3(93, 12<<20)})
	x := newE2E(t, t.TempDir(), localProfile(srv.port, "/in"), 10*time.Millisecond)
	ids, err := x.svc.Add(paths...)
	if err != nil {
		t.Fatal(err)
	}
	x.svc.Start()
	waitTempGrows(t, filepath.Join(root, "in", uploader.TempName("", "big.al3")), 1<<20)
	if err := x.svc.Cancel(ids[0]); err != nil {
		t.Fatal(err)
	}
	x.wait(120*time.Second, 0)
	if it := x.final(ids[0]); it.Kind != uploader.EventCanceled || strings.Contains(it.Note, "could not be removed") {
		t.Errorf("item ended %s (%q), want canceled", it.Kind, it.Note)
	}
	waitNoFiles(t, filepath.Join(root, "in"))
}

// TestEndToEndLeftoverThatCannotBeRemovedIsReported: when the server refuses
// to delete the temporary file of a failed item, the failure says so, naming
// the file, so that someone can remove it (issue 15 item 7).
func TestEndToEndLeftoverThatCannotBeRemovedIsReported(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows refuses to delete a file another program has open, and Exchange holds it while sending: the case cannot happen there")
	}
	root := t.TempDir()
	srv := startTestFTP(t, root)
	srv.throttle.Store(4 << 20)
	paths := writeFiles(t, t.TempDir(), map[string][]byte{"big.al3": validAL3(94, 12<<20)})
	x := newE2E(t, t.TempDir(), localProfile(srv.port, "/nodel"), 10*time.Millisecond)
	ids, err := x.svc.Add(paths...)
	if err != nil {
		t.Fatal(err)
	}
	x.svc.Start()
	waitTempGrows(t, filepath.Join(root, "nodel", uploader.TempName("", "big.al3")), 1<<20)
	if err := os.Remove(paths[0]); err != nil {
		t.Fatal(err)
	}
	x.wait(120*time.Second, 0)
	it := x.final(ids[0])
	if it.Kind != uploader.EventFailed || !strings.Contains(it.Note, "could not be removed") ||
		!strings.Contains(it.Note, uploader.TempName("", "big.al3")) {
		t.Errorf("item ended %s with note %q, want failed saying the temporary file could not be removed", it.Kind, it.Note)
	}
}

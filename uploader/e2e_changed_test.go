package uploader_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/profile"
	"exchange/transport"
	"exchange/uploader"
)

// startRealServer starts a harness server with a writable /in and returns a
// profile for it.
func startRealServer(t *testing.T, kind ftptest.Kind, mode transport.Mode) (*ftptest.Server, profile.Profile) {
	t.Helper()
	srv := ftptest.Start(t, kind, ftptest.Options{})
	dir := srv.Path("/in")
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	_ = os.Chmod(dir, 0o777) // the server's user writes there
	p := profile.Profile{Name: string(kind), Host: srv.Host, Port: srv.Port, User: srv.User,
		RemoteDir: "/in", Mode: profile.Mode(mode.String()), Connections: 1, MaxRetries: 2, TimeoutSeconds: 10}
	return srv, p
}

// waitState polls until item id is in state want.
func (x *e2e) waitState(id uploader.ItemID, want uploader.EventKind, timeout time.Duration) {
	x.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		for _, it := range x.svc.Items() {
			if it.ID == id && it.State == want {
				return
			}
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("item not %s after %v: %+v", want, timeout, x.svc.Items())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestEndToEndInPlaceEditWithMtimeRestoredIsCaught: a file edited in place
// between its check and its upload, same size, modification time put back,
// is not sent to a server that offers no hash command (vsftpd): the service
// hashes what it sends and fails the item, leaving nothing on the server
// (issue 15 item 13).
func TestEndToEndInPlaceEditWithMtimeRestoredIsCaught(t *testing.T) {
	for _, mode := range []transport.Mode{transport.Passive, transport.Active} {
		t.Run(mode.String(), func(t *testing.T) {
			srv, p := startRealServer(t, ftptest.VSFTPD, mode)
			local := t.TempDir()
			path := filepath.Join(local, "policy.al3")
			data := validAL3(60, 64<<10)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			x := newE2EWithPassword(t, t.TempDir(), p, srv.Password, 10*time.Millisecond)
			ids, err := x.svc.Add(path)
			if err != nil {
				t.Fatal(err)
			}
			x.waitState(ids[0], uploader.EventWaiting, 60*time.Second)
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			edited := append([]byte(nil), data...)
			copy(edited[len(edited)/2:], "EDITED")
			if err := os.WriteFile(path, edited, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
				t.Fatal(err)
			}
			x.svc.Start()
			x.wait(60*time.Second, 0)
			var failed *uploader.Event
			x.mu.Lock()
			for i, e := range x.events {
				if e.Item == ids[0] && e.Kind == uploader.EventFailed {
					failed = &x.events[i]
				}
			}
			x.mu.Unlock()
			if failed == nil || !strings.Contains(failed.Hint, "changed after it was checked") {
				t.Fatalf("events %s; want a failure saying the file changed", x.kinds(ids[0]))
			}
			if entries, _ := os.ReadDir(srv.Path("/in")); len(entries) != 0 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("left on the server: %v", names)
			}
		})
	}
}

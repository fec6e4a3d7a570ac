package uploader_test

import (
	"path/filepath"
	"testing"
	"time"

	"exchange/uploader"
)

// TestEndToEndUnknownPasswordIsAskedNotGuessedEmpty: files of a profile
// registered without a password (no keychain) wait for it: no login is tried
// (with an empty password or any other), one need-password event asks for
// it, and once it is provided the files are sent (issue 14 item 5).
func TestEndToEndUnknownPasswordIsAskedNotGuessedEmpty(t *testing.T) {
	root := t.TempDir()
	srv := startTestFTP(t, root)
	data := map[string][]byte{"a.al3": validAL3(100, 4<<10), "b.al3": validAL3(101, 4<<10)}
	paths := writeFiles(t, t.TempDir(), data)
	x := newE2E(t, t.TempDir(), localProfile(srv.port, "/in"), 10*time.Millisecond)
	x.svc.SetProfileAwaitingPassword(localProfile(srv.port, "/in"))
	ids, err := x.svc.Add(paths...)
	if err != nil {
		t.Fatal(err)
	}
	x.svc.Start()
	asked := func() int {
		x.mu.Lock()
		defer x.mu.Unlock()
		n := 0
		for _, e := range x.events {
			if e.Kind == uploader.EventNeedPassword && e.Profile == "local test" {
				n++
			}
		}
		return n
	}
	deadline := time.Now().Add(60 * time.Second)
	for asked() == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no need-password event: %+v", x.svc.Items())
		}
		time.Sleep(5 * time.Millisecond)
	}
	for _, id := range ids {
		x.waitState(id, uploader.EventWaiting, 60*time.Second)
	}
	// A file is waiting once checked, and held for the password (its note)
	// when a worker next looks at it: wait for that too, a moment later.
	held := func() bool {
		for _, it := range x.svc.Items() {
			if it.Note != uploader.NotePasswordNeeded {
				return false
			}
		}
		return true
	}
	for !held() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if !x.svc.NeedsPassword("local test") {
		t.Error("NeedsPassword = false while waiting for it")
	}
	if n := srv.logins.Load(); n != 0 {
		t.Fatalf("%d login attempts without a password", n)
	}
	for _, it := range x.svc.Items() {
		if it.Note != uploader.NotePasswordNeeded {
			t.Errorf("%s: note %q, want %q", filepath.Base(it.Path), it.Note, uploader.NotePasswordNeeded)
		}
	}
	if err := x.svc.ProvidePassword("local test", "secret"); err != nil {
		t.Fatal(err)
	}
	x.wait(60*time.Second, 0)
	checkArrived(t, filepath.Join(root, "in"), data)
	if n := asked(); n != 1 {
		t.Errorf("%d need-password events, want 1", n)
	}
}

//go:build unix

package watch_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/profile"
	"exchange/uploader"
	"exchange/uploader/watch"
)

// The window's manager: a saved watch sends to its own profile while the
// window's current profile is another (AddFor), comes back after a restart
// from watches.json, pauses and resumes with the others, and stops when
// removed.
func TestManagerRunsSavedWatchesForTheirOwnProfile(t *testing.T) {
	srv := startServer(t, ftptest.FTPServerLib)
	state, dir := t.TempDir(), t.TempDir()
	p := testProfile(srv)
	other := profile.Profile{Name: "the window's choice", Host: "127.0.0.1", Port: 1, User: "nobody"}
	open := func() (*watch.Manager, func()) {
		j, err := uploader.OpenJournal(state)
		if err != nil {
			t.Fatal(err)
		}
		svc, err := uploader.New(uploader.Options{Journal: j, Validate: realValidate})
		if err != nil {
			t.Fatal(err)
		}
		svc.RegisterProfile(p, srv.Password)
		svc.SetProfile(other, "x")
		svc.Start()
		m := watch.NewManager(watch.ManagerConfig{
			Definitions: watch.NewDefinitionStore(state),
			Profile: func(name string) (profile.Profile, error) {
				if name == p.Name {
					return p, nil
				}
				return profile.Profile{}, errors.New("no such profile")
			},
			Queue: svc, Store: j,
		})
		ctx, cancel := context.WithCancel(context.Background())
		if err := m.Start(ctx); err != nil {
			t.Fatal(err)
		}
		return m, func() { cancel(); m.Wait(); svc.Close(); j.Close() }
	}
	m, closeAll := open()
	defer func() { closeAll() }()
	if err := m.Add(watch.Definition{Dir: dir, Profile: p.Name, Settle: watch.Duration(testSettle)}); err != nil {
		t.Fatal(err)
	}
	if err := m.Add(watch.Definition{Dir: filepath.Join(dir, "missing"), Profile: p.Name}); err == nil {
		t.Error("a missing folder was accepted")
	}
	r := &rig{t: t}
	one := validAL3(20, 4<<10)
	writeFile(t, filepath.Join(dir, "ONE.AL3"), one)
	r.waitFor("sent to the watch's profile", 20*time.Second, func() bool { return len(serverFiles(t, srv)) == 1 })
	if !m.Owns(filepath.Join(dir, "X.AL3")) || m.Owns(filepath.Join(t.TempDir(), "X.AL3")) {
		t.Error("Owns does not tell the watched folder's files")
	}
	closeAll()

	m, closeAll = open()
	r.waitFor("the saved watch runs again", 10*time.Second, func() bool { return m.Watching() == 1 })
	m.PauseAll()
	two := validAL3(21, 4<<10)
	writeFile(t, filepath.Join(dir, "TWO.AL3"), two)
	time.Sleep(3 * testSettle)
	if n := len(serverFiles(t, srv)); n != 1 {
		t.Fatalf("a paused watch sent a file: %d on the server", n)
	}
	m.ResumeAll()
	r.waitFor("sent after resume", 20*time.Second, func() bool { return len(serverFiles(t, srv)) == 2 })
	if err := m.Remove(m.States()[0].Key()); err != nil {
		t.Fatal(err)
	}
	if m.Watching() != 0 || len(m.States()) != 0 {
		t.Errorf("still watching after Remove: %+v", m.States())
	}
	defs, _ := watch.NewDefinitionStore(state).Load()
	if len(defs) != 0 {
		t.Errorf("still saved: %+v", defs)
	}
}

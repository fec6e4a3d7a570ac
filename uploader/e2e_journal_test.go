package uploader_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"exchange/uploader"
)

// copyDir copies the regular files of dir (the journal and any side file of
// its store) into a new folder, as a process killed at this moment would
// leave them.
func copyDir(t *testing.T, dir string) string {
	t.Helper()
	out := t.TempDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Error(err)
		return out
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Error(err)
			continue
		}
		if err := os.WriteFile(filepath.Join(out, e.Name()), b, 0o600); err != nil {
			t.Error(err)
		}
	}
	return out
}

// TestEndToEndDoneIsReportedAfterTheHistoryHasIt: the state folder copied at
// the moment a file is reported done (as a process killed by SIGPIPE right
// after printing it leaves it) already has the file in its history (issue 15
// item 4).
func TestEndToEndDoneIsReportedAfterTheHistoryHasIt(t *testing.T) {
	srv := startTestFTP(t, t.TempDir())
	files := map[string][]byte{}
	for i := range 5 {
		files[fmt.Sprintf("p%d.al3", i)] = validAL3(70+i, 4<<10)
	}
	paths := writeFiles(t, t.TempDir(), files)
	state := t.TempDir()
	x := newE2E(t, state, localProfile(srv.port, "/in"), 10*time.Millisecond)
	var once sync.Once
	var snapshot, first string
	taken := make(chan struct{}) // closed once snapshot and first are set
	unsub := x.svc.Subscribe(func(e uploader.Event) {
		if e.Kind == uploader.EventDone {
			once.Do(func() { snapshot, first = copyDir(t, state), e.Path; close(taken) })
		}
	})
	defer unsub()
	x.run(60*time.Second, paths...)
	select { // events reach subscribers on their own goroutine
	case <-taken:
	case <-time.After(60 * time.Second):
		t.Fatal("no file was reported done")
	}
	j, err := uploader.OpenJournal(snapshot)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	hist, err := j.History(uploader.HistoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hist {
		if h.Path == first && h.Outcome == uploader.OutcomeSent {
			return
		}
	}
	t.Errorf("%s was reported done, but the journal at that moment had no history entry for it (%d entries)", filepath.Base(first), len(hist))
}

// TestEndToEndFullDiskUnderTheStateFolderStopsTheBatch: with the journal on
// a full disk (a small tmpfs filled up after opening), the batch stops with
// a clear error naming the folder and the full disk, files are not retried
// for it, and no file is reported done without its history entry (issue 15
// item 5).
func TestEndToEndFullDiskUnderTheStateFolderStopsTheBatch(t *testing.T) {
	state := smallDisk(t, "1m")
	srv := startTestFTP(t, t.TempDir())
	files := map[string][]byte{}
	for i := range 40 {
		files[fmt.Sprintf("p%02d.al3", i)] = validAL3(80+i, 4<<10)
	}
	paths := writeFiles(t, t.TempDir(), files)
	x := newE2E(t, state, localProfile(srv.port, "/in"), 10*time.Millisecond)
	filler := filepath.Join(state, "filler")
	fill(t, filler)
	want := "cannot write its journal in " + state + ": the disk is full"
	if _, err := x.svc.Add(paths...); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Add on a full disk: %v, want %q", err, want)
	}
	// A journal that failed stays failed until Exchange starts again (its
	// hint says so): the clerk frees space and restarts.
	x.close()
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	x = newE2E(t, state, localProfile(srv.port, "/in"), 10*time.Millisecond)
	if _, err := x.svc.Add(paths...); err != nil {
		t.Fatal(err)
	}
	fill(t, filler)
	x.svc.Start()
	x.wait(120*time.Second, 0)

	err := x.svc.JournalErr()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("JournalErr() = %v, want the journal's folder and a full disk", err)
	}
	x.mu.Lock()
	var done []string
	var failed, sent, told int
	for _, e := range x.events {
		switch e.Kind {
		case uploader.EventJournalFailed:
			told++
			if !strings.Contains(e.Err, want) || e.Hint == "" {
				t.Errorf("journal-failed event %q (hint %q), want %q and a hint", e.Err, e.Hint, want)
			}
		case uploader.EventRetrying:
			if strings.Contains(e.Err, "space") || strings.Contains(e.Err, "journal") {
				t.Errorf("retried for the local disk: %s", e.Err)
			}
		case uploader.EventDone:
			done = append(done, e.Path)
		case uploader.EventFailed:
			failed++
			if !strings.Contains(e.Err, "cannot write its journal") || strings.Contains(e.Hint, "network") {
				t.Errorf("failure %q (hint %q), want the journal's", e.Err, e.Hint)
			}
		case uploader.EventBatchDone:
			sent = e.Sent
		}
	}
	x.mu.Unlock()
	t.Logf("%d files: %d reported sent, %d failed with the journal's error", len(paths), len(done), failed)
	if told == 0 {
		t.Error("no journal-failed event told the person that the journal cannot be written")
	}
	if failed == 0 || failed+len(done) != len(paths) || sent != len(done) {
		t.Errorf("%d failed, %d reported sent, batch-done says %d sent", failed, len(done), sent)
	}
	x.close()
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	j, err := uploader.OpenJournal(state)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	hist, err := j.History(uploader.HistoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	inHistory := map[string]bool{}
	for _, h := range hist {
		if h.Outcome == uploader.OutcomeSent {
			inHistory[h.Path] = true
		}
	}
	for _, p := range done {
		if !inHistory[p] {
			t.Errorf("%s was reported done but is not in the history", filepath.Base(p))
		}
	}
}

// smallDisk mounts a tmpfs of the given size (as mount's size= option
// says it) on a new folder, for a full disk.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	// Not t.TempDir: its parent is private, and a server's user must reach it.
	dir, err := os.MkdirTemp("", "exchange-small-disk-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Remove(dir) })
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=755"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("mount a small tmpfs (needs root): %v", err)
		}
		t.Skipf("mount a small tmpfs (needs root): %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// fill writes to path until the disk is full.
func fill(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	buf = buf[:1]
	for { // the last blocks
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
}

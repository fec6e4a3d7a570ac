//go:build linux

package uploader

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// smallDisk mounts a tmpfs of size on a new folder (root only) and returns
// it; it is unmounted when the test ends.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("mount a %s tmpfs (needs root): %v %s", size, err, out)
		}
		t.Skipf("mount a %s tmpfs (needs root): %v %s", size, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fillDisk writes a file in dir until the disk is full.
func fillDisk(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			return
		}
	}
}

// TestJournalFullDiskStopsTheJournalAndSaysSo: on a full disk, writes that
// nobody waited for were dropped silently (issue 15 item 5: "40 sent" with
// 2 history entries). Now the first failed write stops the journal: Err and
// failed report it, every later write fails with it, in words.
func TestJournalFullDiskStopsTheJournalAndSaysSo(t *testing.T) {
	disk := smallDisk(t, "2m")
	state := filepath.Join(disk, "state")
	j, err := OpenJournal(state)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	if err := j.putItems(onDisk, journalItem{ID: "before", Path: "/in/before.al3"}); err != nil {
		t.Fatal(err)
	}
	fillDisk(t, disk)

	// History entries nobody waits for, as the workers write them.
	note := strings.Repeat("x", 2000)
	for i := range 200 {
		_ = j.finish(whenConvenient, ItemID(fmt.Sprint(i)), &HistoryEntry{Path: fmt.Sprintf("/in/%d.al3", i), Profile: "p",
			Finished: time.Now(), Outcome: OutcomeSent, SHA256: fmt.Sprint(i), Note: note})
	}
	select {
	case <-j.failed:
	case <-time.After(2 * time.Minute):
		t.Fatal("a full disk was not reported within 2 minutes of writes nobody waited for")
	}
	var we *JournalWriteError
	if err := j.Err(); !errors.As(err, &we) || !strings.Contains(err.Error(), "the disk is full") {
		t.Fatalf("Err() = %v, want a journal write error saying the disk is full", err)
	}
	if err := j.putItems(onDisk, journalItem{ID: "after"}); !errors.As(err, &we) {
		t.Errorf("a waited write after the failure returned %v, want the journal's write error", err)
	}
	if err := j.finish(whenConvenient, "before", nil); !errors.As(err, &we) {
		t.Errorf("a write nobody waits for after the failure returned %v, want the journal's write error", err)
	}
	if err := <-j.putItemsAsync(journalItem{ID: "after"}); !errors.As(err, &we) {
		t.Errorf("putItemsAsync after the failure gave %v", err)
	}
	// What was saved can still be read.
	if _, err := j.History(HistoryQuery{}); err != nil {
		t.Errorf("History after the failure: %v", err)
	}
	if err := j.Close(); !errors.As(err, &we) {
		t.Errorf("Close after the failure returned %v, want the write error", err)
	}
	t.Log(we)
}

package uploader

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fillJournal writes nHistory history entries and nQueue queued items into
// the journal in dir and closes it.
func fillJournal(t *testing.T, dir string, nHistory, nQueue int) {
	t.Helper()
	j, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	for i := range nQueue {
		if err := j.putItems(whenConvenient, journalItem{ID: ItemID(fmt.Sprintf("q%d", i)), Path: fmt.Sprintf("/in/q%d.al3", i),
			Profile: "p", Added: base.Add(time.Duration(i) * time.Second), State: stateWaiting}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range nHistory {
		if err := j.finish(whenConvenient, ItemID(fmt.Sprintf("h%d", i)), &HistoryEntry{Path: fmt.Sprintf("/in/h%d.al3", i),
			SHA256: fmt.Sprintf("%064d", i), Profile: "p", RemotePath: fmt.Sprintf("/out/h%d.al3", i),
			Finished: base.Add(time.Duration(i) * time.Second), Outcome: OutcomeSent, Note: strings.Repeat("n", 100)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
}

// openDamaged opens the journal in dir, which must succeed with a notice
// that names the damage and the file it was moved to, which must exist.
func openDamaged(t *testing.T, dir string) *Journal {
	t.Helper()
	j, err := OpenJournal(dir)
	if err != nil {
		t.Fatalf("opening a damaged journal failed: %v", err)
	}
	t.Cleanup(func() { j.Close() })
	notice := j.Notice()
	aside, _ := filepath.Glob(filepath.Join(dir, JournalFile+".damaged-*"))
	if len(aside) == 0 || !strings.Contains(notice, "damaged") || !strings.Contains(notice, filepath.Base(aside[0])) {
		t.Fatalf("notice %q, files moved aside %v: want the damage told and the file kept aside", notice, aside)
	}
	// The new store works.
	if err := j.putItems(onDisk, journalItem{ID: "new", Path: "/in/new.al3"}); err != nil {
		t.Fatalf("the new store does not take writes: %v", err)
	}
	return j
}

// TestJournalCutShortIsMovedAsideAndWhatIsReadableSaved: truncated to 8,192
// bytes, the journal made `history` and `upload` die of SIGBUS (issue 15
// item 3). Now it opens, tells, and keeps the queue SQLite can still read.
func TestJournalCutShortIsMovedAsideAndWhatIsReadableSaved(t *testing.T) {
	dir := t.TempDir()
	fillJournal(t, dir, 300, 5)
	if err := os.Truncate(filepath.Join(dir, JournalFile), 8192); err != nil {
		t.Fatal(err)
	}
	j := openDamaged(t, dir)
	items, err := j.unfinished()
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 6 { // the 5 saved and the new one
		t.Errorf("after the repair the queue holds %d items, want the 5 saved and the new one", len(items))
	}
	t.Log(j.Notice())
}

// TestJournalEmptyFileIsNotTakenForANewOne: a journal cut to 0 bytes was
// silently treated as new (history and resumable uploads forgotten without
// a word).
func TestJournalEmptyFileIsNotTakenForANewOne(t *testing.T) {
	dir := t.TempDir()
	fillJournal(t, dir, 10, 2)
	if err := os.Truncate(filepath.Join(dir, JournalFile), 0); err != nil {
		t.Fatal(err)
	}
	j := openDamaged(t, dir)
	if !strings.Contains(j.Notice(), "empty") {
		t.Errorf("notice %q does not say the file was empty", j.Notice())
	}
}

func TestJournalGarbageIsMovedAside(t *testing.T) {
	dir := t.TempDir()
	garbage := make([]byte, 64<<10)
	_, _ = rand.Read(garbage)
	if err := os.WriteFile(filepath.Join(dir, JournalFile), garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	openDamaged(t, dir)
}

// TestJournalDamagedInTheMiddleKeepsBothEndsOfTheHistory: a page of garbage
// in the middle of the file loses what was on it, not the rest.
func TestJournalDamagedInTheMiddleKeepsBothEndsOfTheHistory(t *testing.T) {
	dir := t.TempDir()
	fillJournal(t, dir, 2000, 0)
	file := filepath.Join(dir, JournalFile)
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	page := make([]byte, 4096)
	_, _ = rand.Read(page)
	if _, err := f.WriteAt(page, (info.Size()/4096/2)*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	j := openDamaged(t, dir)
	hist, err := j.History(HistoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) < 1000 || len(hist) >= 2000 {
		t.Errorf("%d of 2000 history entries saved; want most of them (one damaged page holds a few dozen)", len(hist))
	}
	t.Logf("%d of 2000 saved; %s", len(hist), j.Notice())
}

// TestJournalUnreadableQueueRecordIsSetAsideAndTold: a queue record of broken
// JSON was silently skipped at every start and never removed.
func TestJournalUnreadableQueueRecordIsSetAsideAndTold(t *testing.T) {
	dir := t.TempDir()
	fillJournal(t, dir, 0, 2)
	db, err := openSQLite(filepath.Join(dir, JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO queue(id, owner, added, record) VALUES('broken', '', 0, '{"id": "broken", "path": ')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	j, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := j.Notice(); !strings.Contains(n, "could not be read") || !strings.Contains(n, "broken") {
		t.Errorf("notice %q does not tell about the unreadable record", n)
	}
	items, err := j.unfinished()
	if err != nil || len(items) != 2 {
		t.Errorf("unfinished = %d items, %v; want the 2 readable ones", len(items), err)
	}
	var kept int
	if err := j.db.QueryRow(`SELECT count(*) FROM quarantine WHERE item = 'broken'`).Scan(&kept); err != nil || kept != 1 {
		t.Errorf("quarantine holds %d copies of the record (%v), want 1", kept, err)
	}
	j = closeAndReopen(t, j, dir)
	if n := j.Notice(); n != "" {
		t.Errorf("the record is told about again at the next start: %q", n)
	}
}

// TestJournalDamagedWhileAnotherHasItOpenIsNotMoved: moving the file away
// from under a running process would split what it writes; the second
// process says why it cannot open instead.
func TestJournalDamagedWhileAnotherHasItOpenIsNotMoved(t *testing.T) {
	dir := t.TempDir()
	first, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if err := os.WriteFile(filepath.Join(dir, JournalFile), []byte("not a database at all, just text"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = OpenJournal(dir)
	if err == nil || !strings.Contains(err.Error(), "another Exchange is using it") {
		t.Errorf("open = %v, want a refusal naming the other Exchange", err)
	}
	if aside, _ := filepath.Glob(filepath.Join(dir, JournalFile+".damaged-*")); len(aside) != 0 {
		t.Errorf("moved aside while in use: %v", aside)
	}
}

// TestJournalStrayWALIsNotAppliedToANewStore: exchange.db deleted by hand,
// its -wal left behind: the new store must not take pages from that WAL.
func TestJournalStrayWALIsNotAppliedToANewStore(t *testing.T) {
	other, dir := t.TempDir(), t.TempDir()
	j, err := OpenJournal(other)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if err := j.putItems(onDisk, journalItem{ID: "foreign", Path: "/in/foreign.al3"}); err != nil {
		t.Fatal(err)
	}
	wal, err := os.ReadFile(filepath.Join(other, JournalFile+"-wal"))
	if err != nil || len(wal) == 0 {
		t.Fatalf("no WAL to copy: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, JournalFile+"-wal"), wal, 0o600); err != nil {
		t.Fatal(err)
	}
	j2, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer j2.Close()
	if items, err := j2.unfinished(); err != nil || len(items) != 0 {
		t.Errorf("a new store holds %d items from a stray WAL (%v)", len(items), err)
	}
}

// TestJournalGarbageAfterAValidHeaderIsMovedAside: a file that starts like a
// SQLite database but is garbage after its first 100 bytes.
func TestJournalGarbageAfterAValidHeaderIsMovedAside(t *testing.T) {
	dir := t.TempDir()
	fillJournal(t, dir, 50, 3)
	file := filepath.Join(dir, JournalFile)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = rand.Read(data[100:])
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	openDamaged(t, dir)
}

// TestJournalDamagedHeaderIsMovedAside: the magic string intact, the rest of
// the 100-byte header (page size, counters) garbage.
func TestJournalDamagedHeaderIsMovedAside(t *testing.T) {
	for i := range 5 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			dir := t.TempDir()
			fillJournal(t, dir, 20, 2)
			file := filepath.Join(dir, JournalFile)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = rand.Read(data[16:100])
			if err := os.WriteFile(file, data, 0o600); err != nil {
				t.Fatal(err)
			}
			j, err := OpenJournal(dir)
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer j.Close()
			// Some header fields SQLite ignores or repairs; any other damage is told.
			if _, err := j.History(HistoryQuery{}); err != nil {
				t.Errorf("history after open: %v (notice %q)", err, j.Notice())
			}
		})
	}
}

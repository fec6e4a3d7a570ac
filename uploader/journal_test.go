package uploader

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestJournalKeepsItemsAcrossReopen(t *testing.T) {
	dir := t.TempDir()
	j, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	a := journalItem{ID: "a", Path: "/x/a.al3", Profile: "p", Added: t0.Add(time.Second), State: stateUploading, SHA256: "aa", UploadSHA256: "aa"}
	b := journalItem{ID: "b", Path: "/x/b.al3", Profile: "p", Added: t0, State: stateWaiting}
	if err := j.putItems(onDisk, a, b); err != nil {
		t.Fatal(err)
	}
	j = closeAndReopen(t, j, dir)
	items, err := j.unfinished()
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].ID != "b" || items[1].ID != "a" || items[1].UploadSHA256 != "aa" || items[1].State != stateUploading {
		t.Errorf("items after reopen = %+v (want b then a, as added)", items)
	}
}

func TestJournalFinishMovesToHistoryAtomically(t *testing.T) {
	j, err := OpenJournal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	_ = j.putItems(onDisk, journalItem{ID: "a", Path: "/x/a.al3", Profile: "p"})
	when := time.Now()
	if err := j.finish(whenConvenient, "a", &HistoryEntry{Path: "/x/a.al3", SHA256: "abc", Profile: "p", RemotePath: "/in/a.al3",
		Finished: when, Outcome: OutcomeSent}); err != nil {
		t.Fatal(err)
	}
	items, _ := j.unfinished()
	hist, _ := j.History(HistoryQuery{})
	if len(items) != 0 || len(hist) != 1 {
		t.Fatalf("items %v history %v", items, hist)
	}
	h, found, err := j.lastSent("p", "abc")
	if err != nil || !found || h.RemotePath != "/in/a.al3" || !h.Finished.Equal(when) {
		t.Errorf("LastSent = %+v %v %v", h, found, err)
	}
	if _, found, _ := j.lastSent("other profile", "abc"); found {
		t.Error("a send to one profile counted as a duplicate for another")
	}
}

func TestHistoryNewestFirstLimitAndSearch(t *testing.T) {
	j, err := OpenJournal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	base := time.Now()
	for i := range 10 {
		outcome := OutcomeSent
		if i%3 == 0 {
			outcome = OutcomeFailed
		}
		_ = j.finish(whenConvenient, ItemID(fmt.Sprint(i)), &HistoryEntry{Path: fmt.Sprintf("/x/file-%d.al3", i), Profile: "p",
			Finished: base.Add(time.Duration(i) * time.Second), Outcome: outcome})
	}
	all, _ := j.History(HistoryQuery{})
	if len(all) != 10 || all[0].Path != "/x/file-9.al3" || all[9].Path != "/x/file-0.al3" {
		t.Errorf("not newest first: %v ... %v", all[0].Path, all[len(all)-1].Path)
	}
	if got, _ := j.History(HistoryQuery{Limit: 3}); len(got) != 3 {
		t.Errorf("limit 3 gave %d", len(got))
	}
	failed, _ := j.History(HistoryQuery{Search: "FAILED"})
	if len(failed) != 4 {
		t.Errorf("search failed gave %d entries, want 4", len(failed))
	}
	one, _ := j.History(HistoryQuery{Search: "file-7"})
	if len(one) != 1 || !strings.HasSuffix(one[0].Path, "file-7.al3") {
		t.Errorf("search file-7 = %v", one)
	}
}

func TestJournalGroupsConcurrentWrites(t *testing.T) {
	j, err := OpenJournal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				if err := j.putItems(onDisk, journalItem{ID: ItemID(fmt.Sprintf("%d-%d", w, i))}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	items, _ := j.unfinished()
	if len(items) != 400 {
		t.Errorf("%d items, want 400", len(items))
	}
}

// TestJournalUnfinishedComesBackInTheOrderAdded: the queue bucket is keyed by
// random IDs; thousands of items still come back oldest first.
func TestJournalUnfinishedComesBackInTheOrderAdded(t *testing.T) {
	j, err := OpenJournal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var items []journalItem
	for i := range 3000 {
		items = append(items, journalItem{ID: newItemID(), Path: fmt.Sprintf("/x/%04d.al3", i), Added: start.Add(time.Duration(i) * time.Millisecond)})
	}
	if err := j.putItems(onDisk, items...); err != nil {
		t.Fatal(err)
	}
	got, err := j.unfinished()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(items) {
		t.Fatalf("%d items back, want %d", len(got), len(items))
	}
	for i := range got {
		if got[i].Path != items[i].Path {
			t.Fatalf("item %d is %s, want %s (the order added)", i, got[i].Path, items[i].Path)
		}
	}
}

// committedTx is the number of the journal's commits so far, and whether
// item id is in its queue as committed (read without the flush that History
// and unfinished do).
func committedTx(t *testing.T, j *Journal, id ItemID) (txid int, queued bool) {
	t.Helper()
	var n int
	if err := j.db.QueryRow(`SELECT count(*) FROM queue WHERE id = ?`, string(id)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return int(j.commits.Load()), n > 0
}

func TestJournalChangesNobodyWaitsForRideWithTheNextCommit(t *testing.T) {
	j, err := openJournal(t.TempDir(), time.Hour) // no idle commit during the test
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	before, _ := committedTx(t, j, "a")
	if err := j.putItems(whenConvenient, journalItem{ID: "a"}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * commitLinger) // longer than a commit someone needs would wait
	if err := j.putItems(onDisk, journalItem{ID: "b"}); err != nil {
		t.Fatal(err)
	}
	after, queued := committedTx(t, j, "a")
	if !queued || after != before+1 {
		t.Fatalf("after a convenient and a waited change: %d commit(s), a committed %v; want one commit holding both", after-before, queued)
	}
}

func TestJournalCommitsAPersonsDecisionSoonWithoutAWaiter(t *testing.T) {
	j, err := openJournal(t.TempDir(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if err := j.putItems(soon, journalItem{ID: "a"}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, queued := committedTx(t, j, "a"); queued {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("a change marked soon is not committed after 10 s (nobody else committing)")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestJournalCloseCommitsWhatIsPending(t *testing.T) {
	dir := t.TempDir()
	j, err := openJournal(dir, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if err := j.putItems(whenConvenient, journalItem{ID: "a", Path: "/x/a.al3"}); err != nil {
		t.Fatal(err)
	}
	j = closeAndReopen(t, j, dir)
	items, err := j.unfinished()
	if err != nil || len(items) != 1 || items[0].ID != "a" {
		t.Fatalf("after Close and reopen: %v, %v; want item a", items, err)
	}
}

// closeAndReopen closes j and opens the journal in dir again, closed at the test's end.
func closeAndReopen(t *testing.T, j *Journal, dir string) *Journal {
	t.Helper()
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	j, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	return j
}

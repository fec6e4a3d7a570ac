package uploader

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// writeOldJournal writes a journal the way the bbolt version did: buckets
// queue (id -> JSON item), history (8-byte nanoseconds + 4-byte sequence ->
// JSON entry) and sent (profile NUL sha -> history key); raw queue records
// go in as they are.
func writeOldJournal(t *testing.T, file string, items []journalItem, raw map[string]string, hist []HistoryEntry) {
	t.Helper()
	db, err := bolt.Open(file, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		q, _ := tx.CreateBucketIfNotExists([]byte("queue"))
		h, _ := tx.CreateBucketIfNotExists([]byte("history"))
		s, _ := tx.CreateBucketIfNotExists([]byte("sent"))
		for _, it := range items {
			data, _ := json.Marshal(it)
			if err := q.Put([]byte(it.ID), data); err != nil {
				return err
			}
		}
		for id, rec := range raw {
			if err := q.Put([]byte(id), []byte(rec)); err != nil {
				return err
			}
		}
		for i, e := range hist {
			key := make([]byte, 12)
			binary.BigEndian.PutUint64(key, uint64(e.Finished.UnixNano()))
			binary.BigEndian.PutUint32(key[8:], uint32(i))
			data, _ := json.Marshal(e)
			if err := h.Put(key, data); err != nil {
				return err
			}
			if e.Outcome == OutcomeSent {
				if err := s.Put([]byte(e.Profile+"\x00"+e.SHA256), key); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestJournalImportsTheBboltJournalOnce: a user's exchange.db of the bbolt
// version keeps its queue and history in the new store; the old file is kept
// as exchange.db.migrated and not imported again.
func TestJournalImportsTheBboltJournalOnce(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, JournalFile)
	t0 := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	items := []journalItem{
		{ID: "late", Path: "/in/late.al3", Profile: "p", Added: t0.Add(time.Minute), State: stateUploading, Size: 10, SHA256: "ll", UploadSHA256: "ll", TempName: ".late.exchange-part"},
		{ID: "early", Path: "/in/early.al3", Profile: "p", Added: t0, State: stateWaiting},
	}
	hist := []HistoryEntry{
		{Path: "/in/a.al3", SHA256: "aa", Profile: "p", RemotePath: "/out/a.al3", Finished: t0.Add(-2 * time.Hour), Outcome: OutcomeSent},
		{Path: "/in/b.al3", Profile: "p", Finished: t0.Add(-time.Hour), Outcome: OutcomeInvalid, Note: "bad"},
	}
	writeOldJournal(t, file, items, map[string]string{"broken": `{"id":"broken","pa`}, hist)

	j, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := j.Notice(); !strings.Contains(n, "broken") {
		t.Errorf("notice %q does not tell about the unreadable old record", n)
	}
	got, err := j.unfinished()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "early" || got[1].ID != "late" || got[1].TempName != ".late.exchange-part" || got[1].UploadSHA256 != "ll" {
		t.Errorf("imported queue = %+v", got)
	}
	h, err := j.History(HistoryQuery{})
	if err != nil || len(h) != 2 || h[0].Path != "/in/b.al3" || h[1].Path != "/in/a.al3" {
		t.Errorf("imported history = %+v, %v (want b then a, newest first)", h, err)
	}
	if e, found, err := j.lastSent("p", "aa"); err != nil || !found || e.RemotePath != "/out/a.al3" {
		t.Errorf("LastSent after import = %+v %v %v", e, found, err)
	}
	if kind, _ := sniffStore(file); kind != kindSQLite {
		t.Errorf("exchange.db is of kind %d after the import, want SQLite", kind)
	}
	if kind, _ := sniffStore(file + ".migrated"); kind != kindBolt {
		t.Errorf("the old journal was not kept as exchange.db.migrated (kind %d)", kind)
	}

	j = closeAndReopen(t, j, dir)
	if h, _ := j.History(HistoryQuery{}); len(h) != 2 {
		t.Errorf("after a restart the history has %d entries, want 2 (imported once)", len(h))
	}
	if n := j.Notice(); n != "" {
		t.Errorf("notice at the second start: %q", n)
	}
}

// TestJournalOldFormatCutShortDoesNotCrash: the bbolt journal truncated to
// 8,192 bytes killed the process with SIGBUS; now it is moved aside.
func TestJournalOldFormatCutShortDoesNotCrash(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, JournalFile)
	var hist []HistoryEntry
	for i := range 500 {
		hist = append(hist, HistoryEntry{Path: "/in/" + strings.Repeat("x", 200), Profile: "p", Finished: time.Unix(int64(i), 0), Outcome: OutcomeFailed})
	}
	writeOldJournal(t, file, nil, nil, hist)
	if err := os.Truncate(file, 8192); err != nil {
		t.Fatal(err)
	}
	j := openDamaged(t, dir)
	t.Log(j.Notice())
}

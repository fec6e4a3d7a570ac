package uploader

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// TestJournalKeepsNonUTF8NamesExactly: a file name that is not UTF-8 (byte
// 0xff, Latin-1 é) comes back byte for byte from the queue and the history,
// after a reopen (issue 15 item 6: it came back with U+FFFD, so a resume
// looked for a file that does not exist).
func TestJournalKeepsNonUTF8NamesExactly(t *testing.T) {
	dir := t.TempDir()
	j, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := "/in/caf\xe9-\xff.al3"
	it := journalItem{ID: "a", Path: path, Profile: "p", Added: time.Now(), State: stateRenaming,
		TempName: ".caf\xe9-\xff.al3.exchange-part", FinalName: "caf\xe9-\xff.al3"}
	if err := j.putItems(onDisk, it, journalItem{ID: "b", Path: "/in/b\xff", Profile: "p"}); err != nil {
		t.Fatal(err)
	}
	if err := j.finish(onDisk, "b", &HistoryEntry{Path: "/in/b\xff", RemotePath: "/out/b\xff", SHA256: "bb", Profile: "p",
		Finished: time.Now(), Outcome: OutcomeSent}); err != nil {
		t.Fatal(err)
	}
	j = closeAndReopen(t, j, dir)
	items, err := j.unfinished()
	if err != nil || len(items) != 1 {
		t.Fatalf("unfinished = %v, %v", items, err)
	}
	if got := items[0]; got.Path != path || got.TempName != it.TempName || got.FinalName != it.FinalName {
		t.Errorf("item came back as %q %q %q, want %q %q %q", got.Path, got.TempName, got.FinalName, path, it.TempName, it.FinalName)
	}
	hist, err := j.History(HistoryQuery{})
	if err != nil || len(hist) != 1 || hist[0].Path != "/in/b\xff" || hist[0].RemotePath != "/out/b\xff" {
		t.Errorf("history = %+v, %v", hist, err)
	}
	if h, found, err := j.lastSent("p", "bb"); err != nil || !found || h.Path != "/in/b\xff" {
		t.Errorf("LastSent = %q %v %v", h.Path, found, err)
	}
}

// TestRecordsOfValidUTF8ArePlainJSON: the records the bbolt journal wrote
// and the new ones are the same JSON when names are UTF-8.
func TestRecordsOfValidUTF8ArePlainJSON(t *testing.T) {
	it := journalItem{ID: "a", Path: "/in/café.al3", Added: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	got, err := encodeRecord(&it)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(it)
	if !bytes.Equal(got, want) {
		t.Errorf("record %s, want %s", got, want)
	}
}

func TestDecodeRecordRefusesDamage(t *testing.T) {
	for _, data := range []string{"", "{", "null x", `{"path": 5}`, `[1,2]`, `{"_bytes": {"path": "not base64!"}}`} {
		var it journalItem
		if err := decodeRecord([]byte(data), &it); !errors.Is(err, errBadRecord) {
			t.Errorf("decode %q: %v, want a damaged-record error", data, err)
		}
	}
}

// FuzzJournalRecordDecode: decoding any bytes never panics; what decodes
// encodes again to a record that decodes to the same item (names kept byte
// for byte).
func FuzzJournalRecordDecode(f *testing.F) {
	seed := journalItem{ID: "x", Path: "/a/\xff\xfe.al3", FinalName: "ok.al3", Added: time.Unix(1, 2)}
	rec, _ := encodeRecord(&seed)
	f.Add(rec)
	f.Add([]byte(`{"id":"a","path":"/x","_bytes":{"path":"L3g="}}`))
	f.Add([]byte(`{"path":"\ud800"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var it journalItem
		if err := decodeRecord(data, &it); err != nil {
			return
		}
		again, err := encodeRecord(&it)
		if err != nil {
			t.Fatalf("a decoded record does not encode: %v", err)
		}
		var back journalItem
		if err := decodeRecord(again, &back); err != nil {
			t.Fatalf("an encoded record does not decode: %v\n%q", err, again)
		}
		if back.Path != it.Path || back.TempName != it.TempName || back.FinalName != it.FinalName || back.ID != it.ID ||
			back.RemoteDir != it.RemoteDir || back.Profile != it.Profile || back.State != it.State ||
			!back.Added.Equal(it.Added) || !back.ModTime.Equal(it.ModTime) || back.Size != it.Size {
			t.Fatalf("round trip changed the item:\n%+v\n%+v", it, back)
		}
	})
}

// FuzzJournalRecordNames: any bytes as a file name survive a round trip.
func FuzzJournalRecordNames(f *testing.F) {
	f.Add([]byte("/in/caf\xe9.al3"), []byte("\xff"))
	f.Fuzz(func(t *testing.T, path, note []byte) {
		h := HistoryEntry{Path: string(path), Note: string(note), Finished: time.Unix(0, 1)}
		rec, err := encodeRecord(&h)
		if err != nil {
			t.Fatal(err)
		}
		var back HistoryEntry
		if err := decodeRecord(rec, &back); err != nil {
			t.Fatal(err)
		}
		if back.Path != h.Path || back.Note != h.Note {
			t.Fatalf("%q %q came back as %q %q", h.Path, h.Note, back.Path, back.Note)
		}
	})
}

package uploader

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Outcomes recorded in the history.
const (
	OutcomeSent    = "sent"
	OutcomeFailed  = "failed"
	OutcomeInvalid = "invalid"
	OutcomeSkipped = "skipped" // the existing-file policy said skip
)

// HistoryEntry is what the history keeps of one file that left the queue.
type HistoryEntry struct {
	Path       string    `json:"path"`
	SHA256     string    `json:"sha256,omitempty"`
	Size       int64     `json:"size"`
	Profile    string    `json:"profile"`
	RemotePath string    `json:"remote_path,omitempty"`
	Added      time.Time `json:"added"`
	Started    time.Time `json:"started,omitzero"`
	Finished   time.Time `json:"finished"`
	Outcome    string    `json:"outcome"`
	Attempts   int       `json:"attempts,omitempty"`
	Note       string    `json:"note,omitempty"` // the error, or why it was skipped
}

var historySeq atomic.Uint32

// historyKey orders entries by finish time; the suffix keeps keys of the same
// nanosecond apart.
func historyKey(t time.Time) []byte {
	k := make([]byte, 12)
	binary.BigEndian.PutUint64(k, uint64(t.UnixNano()))
	binary.BigEndian.PutUint32(k[8:], historySeq.Add(1))
	return k
}

func sentKey(profile, sha string) []byte {
	return []byte(profile + "\x00" + sha)
}

func addHistory(tx *bolt.Tx, h *HistoryEntry) error {
	key := historyKey(h.Finished)
	if err := putJSON(tx, bucketHistory, key, h); err != nil {
		return err
	}
	if h.Outcome == OutcomeSent && h.SHA256 != "" {
		return tx.Bucket(bucketSent).Put(sentKey(h.Profile, h.SHA256), key)
	}
	return nil
}

// HistoryQuery selects history entries.
type HistoryQuery struct {
	Limit  int    // 0: all
	Search string // case-insensitive text in path, remote path, profile, outcome or note
}

// History returns entries newest first.
func (j *Journal) History(q HistoryQuery) ([]HistoryEntry, error) {
	if err := j.flush(); err != nil {
		return nil, err
	}
	needle := strings.ToLower(q.Search)
	var out []HistoryEntry
	err := j.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketHistory).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var h HistoryEntry
			if err := json.Unmarshal(v, &h); err != nil {
				continue
			}
			if needle != "" && !strings.Contains(strings.ToLower(strings.Join([]string{h.Path, h.RemotePath, h.Profile, h.Outcome, h.Note, h.SHA256}, "\x00")), needle) {
				continue
			}
			out = append(out, h)
			if q.Limit > 0 && len(out) >= q.Limit {
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	return out, nil
}

// LastSent returns the last time this content was sent to this profile.
func (j *Journal) LastSent(profile, sha string) (HistoryEntry, bool, error) {
	if err := j.flush(); err != nil {
		return HistoryEntry{}, false, err
	}
	return j.lastSentCommitted(profile, sha)
}

// lastSentCommitted is LastSent without waiting for pending writes: the
// service knows the files it sent itself and asks the journal about older ones.
func (j *Journal) lastSentCommitted(profile, sha string) (HistoryEntry, bool, error) {
	var h HistoryEntry
	found := false
	err := j.db.View(func(tx *bolt.Tx) error {
		key := tx.Bucket(bucketSent).Get(sentKey(profile, sha))
		if key == nil {
			return nil
		}
		v := tx.Bucket(bucketHistory).Get(key)
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &h)
	})
	if err != nil {
		return HistoryEntry{}, false, fmt.Errorf("look up history: %w", err)
	}
	return h, found, nil
}

package uploader

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
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
	// MovedTo is where a watch folder moved the file after it was handled
	// (its Sent/ or Failed/ folder); empty when it stayed at Path.
	MovedTo string `json:"moved_to,omitempty"`
}

// LocalFile is where the file is now: where a watch moved it, or Path.
// "Send again" reads it from there.
func (h HistoryEntry) LocalFile() string {
	if h.MovedTo != "" {
		return h.MovedTo
	}
	return h.Path
}

// addHistory records h, and for a sent file the (profile, content) pair
// that LastSent looks up.
func addHistory(tx *sql.Tx, h *HistoryEntry) error {
	rec, err := encodeRecord(h)
	if err != nil {
		return err
	}
	res, err := tx.Exec(`INSERT INTO history(finished, record) VALUES(?, ?)`, h.Finished.UnixNano(), rec)
	if err != nil {
		return err
	}
	if h.Outcome != OutcomeSent || h.SHA256 == "" {
		return nil
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO sent(profile, sha256, history) VALUES(?, ?, ?)
		ON CONFLICT(profile, sha256) DO UPDATE SET history = excluded.history`, []byte(h.Profile), h.SHA256, id)
	return err
}

// HistoryQuery selects history entries.
type HistoryQuery struct {
	Limit  int    // 0: all
	Search string // case-insensitive text in path, remote path, profile, outcome or note
}

// History returns entries newest first: those of every process that uses
// the journal. An entry that cannot be read is left out.
func (j *Journal) History(q HistoryQuery) ([]HistoryEntry, error) {
	// This process's own pending entries first; a failed write is Err's to report.
	if err := j.flush(); errors.Is(err, ErrJournalClosed) {
		return nil, fmt.Errorf("read history: %w", err)
	}
	needle := strings.ToLower(q.Search)
	query := `SELECT record FROM history ORDER BY finished DESC, id DESC`
	if q.Limit > 0 && needle == "" {
		query += fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	rows, err := j.db.Query(query)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var rec []byte
		if err := rows.Scan(&rec); err != nil {
			return nil, fmt.Errorf("read history: %w", err)
		}
		var h HistoryEntry
		if err := decodeRecord(rec, &h); err != nil {
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	return out, nil
}

// LastSent returns the last time this content was sent to this profile, by
// any process.
func (j *Journal) LastSent(profile, sha string) (HistoryEntry, bool, error) {
	if err := j.flush(); errors.Is(err, ErrJournalClosed) {
		return HistoryEntry{}, false, fmt.Errorf("look up history: %w", err)
	}
	return j.lastSentCommitted(profile, sha)
}

// lastSentCommitted is LastSent without waiting for pending writes: the
// service knows the files it sent itself and asks the journal about older ones.
func (j *Journal) lastSentCommitted(profile, sha string) (HistoryEntry, bool, error) {
	var rec []byte
	err := j.db.QueryRow(`SELECT h.record FROM sent s JOIN history h ON h.id = s.history
		WHERE s.profile = ? AND s.sha256 = ?`, []byte(profile), sha).Scan(&rec)
	if errors.Is(err, sql.ErrNoRows) {
		return HistoryEntry{}, false, nil
	}
	if err != nil {
		return HistoryEntry{}, false, fmt.Errorf("look up history: %w", err)
	}
	var h HistoryEntry
	if err := decodeRecord(rec, &h); err != nil {
		return HistoryEntry{}, false, fmt.Errorf("look up history: %w", err)
	}
	return h, true, nil
}

package uploader

import (
	"database/sql"
	"errors"
	"fmt"
)

// movedLookBack bounds how many of the newest history entries NoteMoved
// reads to find the file's: a watch moves a file right after its entry is
// written, so it is among the last few.
const movedLookBack = 1000

// NoteMoved records that a file of profile's history, handled at path, was
// moved to movedTo (a watch folder's Sent/ or Failed/): its newest history
// entry learns the new place, so that "Send again" finds the file. The
// write is queued behind the entry's own; a failed write is the journal's Err.
func (j *Journal) NoteMoved(profile, path, movedTo string) error {
	return j.update(soon, func(tx *sql.Tx) error {
		id, h, err := newestHistoryOf(tx, profile, path)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // not in the history (nothing to update)
		}
		if err != nil {
			return err
		}
		h.MovedTo = movedTo
		rec, err := encodeRecord(&h)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE history SET record = ? WHERE id = ?`, rec, id); err != nil {
			return fmt.Errorf("record where %s was moved: %w", path, err)
		}
		return nil
	})
}

// newestHistoryOf finds the newest history entry of profile and path among
// the last movedLookBack; sql.ErrNoRows when there is none.
func newestHistoryOf(tx *sql.Tx, profile, path string) (int64, HistoryEntry, error) {
	rows, err := tx.Query(`SELECT id, record FROM history ORDER BY id DESC LIMIT ?`, movedLookBack)
	if err != nil {
		return 0, HistoryEntry{}, fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var rec []byte
		if err := rows.Scan(&id, &rec); err != nil {
			return 0, HistoryEntry{}, fmt.Errorf("read history: %w", err)
		}
		var h HistoryEntry
		if decodeRecord(rec, &h) != nil {
			continue
		}
		if h.Profile == profile && h.Path == path {
			return id, h, nil
		}
	}
	if err := rows.Err(); err != nil {
		return 0, HistoryEntry{}, fmt.Errorf("read history: %w", err)
	}
	return 0, HistoryEntry{}, sql.ErrNoRows
}

package uploader

import (
	"errors"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Until SQLite, the journal was a bbolt file with the same name
// (exchange.db), with three buckets: "queue" (item id -> journalItem as
// JSON), "history" (time-ordered key -> HistoryEntry as JSON) and "sent"
// (profile NUL sha256 -> history key). The first start of this version
// imports it once into a new SQLite store and keeps the old file as
// exchange.db.migrated; bbolt is used for nothing else.

var (
	boltQueue   = []byte("queue")
	boltHistory = []byte("history")
)

// migrateBolt replaces the bbolt journal at file with a SQLite store holding
// its queue and history. A bbolt file that cannot be read to the end is
// treated as damaged: moved aside, and what was read is kept.
func migrateBolt(file string) (string, error) {
	rows, err := readBolt(file)
	if errors.Is(err, bolterrors.ErrTimeout) {
		return "", fmt.Errorf("open journal %s: an older version of Exchange is using it; close it and start again", file)
	}
	if err != nil {
		return replaceDamaged(file, fmt.Sprintf("an old-format journal that cannot be read: %v", err),
			func(string) (storeRows, error) { return rows, err })
	}
	// The old file is kept under its new name before the store replaces it:
	// a crash on the way leaves either the old journal (imported again at
	// the next start) or the new one.
	kept := file + ".migrated"
	if _, err := os.Lstat(kept); err == nil {
		kept += "-" + time.Now().UTC().Format("20060102-150405")
	}
	if err := os.Link(file, kept); err != nil {
		if err := copyFile(file, kept); err != nil {
			return "", fmt.Errorf("keep the old journal as %s: %w", kept, err)
		}
	}
	if err := createStore(file, rows); err != nil {
		return "", err
	}
	if len(rows.bad) > 0 {
		return unreadableNotice(file, rows.bad), nil
	}
	return "", nil
}

// readBolt reads the queue and history of a bbolt journal, read-only. On
// damage it returns what it read before it, and the error.
func readBolt(file string) (storeRows, error) {
	var rows storeRows
	err := guardFaults(func() error {
		db, err := bolt.Open(file, 0o600, &bolt.Options{ReadOnly: true, Timeout: 3 * time.Second})
		if err != nil {
			return err
		}
		defer db.Close()
		return db.View(func(tx *bolt.Tx) error {
			if b := tx.Bucket(boltQueue); b != nil {
				err := b.ForEach(func(k, v []byte) error {
					var it journalItem
					if err := decodeRecord(v, &it); err != nil {
						rows.bad = append(rows.bad, quarantined{item: string(k), record: append([]byte(nil), v...), problem: err.Error()})
						return nil
					}
					rows.queue = append(rows.queue, it)
					return nil
				})
				if err != nil {
					return err
				}
			}
			if b := tx.Bucket(boltHistory); b != nil {
				return b.ForEach(func(_, v []byte) error {
					var h HistoryEntry
					if decodeRecord(v, &h) == nil {
						rows.history = append(rows.history, h)
					}
					return nil
				})
			}
			return nil
		})
	})
	return rows, err
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

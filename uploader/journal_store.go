package uploader

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// The SQLite store: one file, exchange.db, in WAL mode (with exchange.db-wal
// and exchange.db-shm beside it while it is open).
//
// Tables:
//   - queue: the unfinished items, each with the owner that holds it
//     (journal_owner.go) and its record (journal_record.go);
//   - history: one row per file that left the queue, ordered by finish time;
//   - sent: (profile, sha256) -> the history row of the last send, for the
//     duplicate check;
//   - quarantine: queue records that could not be read back, kept for a
//     person to look at instead of blocking the queue or vanishing.
const storeSchema = `
CREATE TABLE IF NOT EXISTS queue (
	id     TEXT PRIMARY KEY,
	owner  TEXT NOT NULL,
	added  INTEGER NOT NULL,
	record BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS queue_owner ON queue(owner);
CREATE TABLE IF NOT EXISTS history (
	id       INTEGER PRIMARY KEY,
	finished INTEGER NOT NULL,
	record   BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS history_finished ON history(finished, id);
CREATE TABLE IF NOT EXISTS sent (
	profile BLOB NOT NULL,
	sha256  TEXT NOT NULL,
	history INTEGER NOT NULL,
	PRIMARY KEY (profile, sha256)
);
CREATE TABLE IF NOT EXISTS quarantine (
	id      INTEGER PRIMARY KEY,
	item    TEXT NOT NULL,
	record  BLOB NOT NULL,
	problem TEXT NOT NULL,
	moved   INTEGER NOT NULL
);
PRAGMA user_version = 1;
`

// busyTimeout is how long one SQLite call waits for another process's write
// to end before it reports SQLITE_BUSY; the writer then tries again until
// busyGiveUp has passed.
const (
	busyTimeout = 5 * time.Second
	busyGiveUp  = 2 * time.Minute
)

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// openSQLite opens the database file with the settings every connection
// needs: WAL, full sync (a commit is on disk when it returns: the rename of
// an uploaded file waits for that), a busy timeout for the moments another
// process writes, and BEGIN IMMEDIATE for transactions, so that a write
// transaction waits for the lock at its start instead of failing halfway.
func openSQLite(file string) (*sql.DB, error) {
	dsn := fmt.Sprintf("%s?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate",
		file, busyTimeout.Milliseconds())
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(time.Minute)
	return db, nil
}

// sqliteCode is the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// isCorrupt reports whether err says the file is not a sound database.
func isCorrupt(err error) bool {
	if errors.Is(err, errDamagedStore) {
		return true
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT:
		return true
	}
	return false
}

func isBusy(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

// checkStore opens an existing SQLite store and checks it; an error for
// which isCorrupt is true means the file is damaged.
func checkStore(file string) (*sql.DB, error) {
	db, err := openSQLite(file)
	if err != nil {
		return nil, err
	}
	var result string
	err = db.QueryRow(`PRAGMA quick_check(1)`).Scan(&result)
	if err == nil && result != "ok" {
		err = fmt.Errorf("%w: %s", errDamagedStore, result)
	}
	if err == nil {
		_, err = db.Exec(storeSchema)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// errDamagedStore is an integrity check's complaint.
var errDamagedStore = errors.New("the integrity check failed")

// storeRows is what a new store starts with: rows imported from the old
// journal or saved from a damaged one.
type storeRows struct {
	queue   []journalItem
	history []HistoryEntry
	bad     []quarantined
}

// quarantined is a queue record that could not be decoded.
type quarantined struct {
	item    string
	record  []byte
	problem string
}

// createStore makes a new store at file holding rows. It is built under a
// temporary name and renamed into place, so an exchange.db that exists is
// never one half made: an empty exchange.db is always damage, never "new".
func createStore(file string, rows storeRows) error {
	tmp := file + ".new"
	for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", f, err)
		}
	}
	db, err := openSQLite(tmp)
	if err != nil {
		return err
	}
	err = fillStore(db, rows)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("create journal %s: %w", file, err)
	}
	if err := os.Rename(tmp, file); err != nil {
		return fmt.Errorf("create journal %s: %w", file, err)
	}
	syncDir(filepath.Dir(file))
	return nil
}

func fillStore(db *sql.DB, rows storeRows) error {
	if _, err := db.Exec(storeSchema); err != nil {
		return err
	}
	tx, err := db.BeginTx(context.Background(), nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, it := range rows.queue {
		// No owner: the first process to look for unfinished items takes them.
		if err := putItemTx(tx, "", it); err != nil {
			return err
		}
	}
	for i := range rows.history {
		if err := addHistory(tx, &rows.history[i]); err != nil {
			return err
		}
	}
	for _, q := range rows.bad {
		if err := quarantineTx(tx, q); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// syncDir makes a rename in dir durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// storeKind is what an existing journal file holds.
type storeKind int

const (
	kindMissing storeKind = iota
	kindEmpty
	kindSQLite
	kindBolt
	kindUnknown
)

// boltMagic is at offset 16 of a bbolt file (the first meta page).
const boltMagic = 0xED0CDAED

// sniffStore tells what file holds by its first bytes.
func sniffStore(file string) (storeKind, error) {
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return kindMissing, nil
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	head := make([]byte, 32)
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	switch {
	case n == 0:
		return kindEmpty, nil
	case bytes.HasPrefix(head, sqliteMagic):
		return kindSQLite, nil
	case n >= 20 && uint32(head[16])|uint32(head[17])<<8|uint32(head[18])<<16|uint32(head[19])<<24 == boltMagic:
		return kindBolt, nil
	}
	return kindUnknown, nil
}

// writeProblem says in words what stopped a write to the store.
func writeProblem(err error) string {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL:
		return "the disk is full"
	case sqlite3.SQLITE_IOERR:
		return "the disk reported an error"
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
		return "the state folder cannot be written to"
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return "another Exchange kept it locked for too long"
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return "the file is damaged"
	}
	return "the write failed"
}

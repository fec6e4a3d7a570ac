package uploader

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"time"
)

// prepareStore makes file a sound SQLite store and opens it: it creates a
// missing one, imports an old bbolt journal, and replaces a damaged one with
// a new store holding what could be read of it. The notices say, for a
// person, what was done. The caller holds the journal's setup lock.
func prepareStore(file string) (*sql.DB, []string, error) {
	kind, err := sniffStore(file)
	if err != nil {
		return nil, nil, fmt.Errorf("open journal %s: %w", file, err)
	}
	var notice string
	switch kind {
	case kindMissing:
		err = setAsideStrayWAL(file)
		if err == nil {
			err = createStore(file, storeRows{})
		}
	case kindEmpty:
		// A store is created under another name and renamed into place, so
		// an empty exchange.db is not a new one: something cut it short.
		notice, err = replaceDamaged(file, "the file is empty (0 bytes)", nil)
	case kindUnknown:
		notice, err = replaceDamaged(file, "the file is not an Exchange journal", nil)
	case kindBolt:
		notice, err = migrateBolt(file)
	case kindSQLite:
		db, cerr := checkStore(file)
		if cerr == nil {
			return db, nil, nil
		}
		if !isCorrupt(cerr) {
			return nil, nil, fmt.Errorf("open journal %s: %w", file, cerr)
		}
		notice, err = replaceDamaged(file, cerr.Error(), salvageSQLite)
	}
	if err != nil {
		return nil, nil, err
	}
	db, err := checkStore(file)
	if err != nil {
		return nil, nil, fmt.Errorf("open journal %s: %w", file, err)
	}
	if notice == "" {
		return db, nil, nil
	}
	return db, []string{notice}, nil
}

// replaceDamaged moves the damaged store aside, with its WAL, and starts a
// new one with what salvage (if not nil) reads from the moved file. It
// refuses while another process has the journal open: the file is theirs
// too, and moving it under them would split what they write.
func replaceDamaged(file, reason string, salvage func(aside string) (storeRows, error)) (string, error) {
	if othersAlive(ownersDir(file), nil) {
		return "", fmt.Errorf("open journal %s: it is damaged (%s) and another Exchange is using it: close every Exchange window and command, then start again", file, reason)
	}
	aside, err := moveAside(file, ".damaged-")
	if err != nil {
		return "", err
	}
	var rows storeRows
	var salvageErr error
	if salvage != nil {
		rows, salvageErr = salvage(aside)
	}
	if err := createStore(file, rows); err != nil {
		return "", err
	}
	return damagedNotice(file, reason, aside, rows, salvageErr), nil
}

func damagedNotice(file, reason, aside string, rows storeRows, salvageErr error) string {
	msg := fmt.Sprintf("The journal %s was damaged (%s). It was moved to %s and Exchange started a new one", file, reason, aside)
	saved := len(rows.history) + len(rows.queue)
	switch {
	case saved == 0:
		msg += ": nothing could be read from it, so the history and the list of unfinished files start empty; files that were not sent must be added again."
	default:
		msg += fmt.Sprintf(" with what could be read from it: %d history entries and %d unfinished files.", len(rows.history), len(rows.queue))
		if salvageErr != nil {
			msg += " Some of it could not be read; files that were not sent may have to be added again."
		}
	}
	if len(rows.bad) > 0 {
		msg += " " + unreadableNotice(file, rows.bad)
	}
	return msg
}

// moveAside renames file (and its -wal) to file+infix+time and removes its
// -shm; it returns the new name.
func moveAside(file, infix string) (string, error) {
	aside := file + infix + time.Now().UTC().Format("20060102-150405")
	if _, err := os.Lstat(aside); err == nil {
		aside += fmt.Sprintf(".%d", time.Now().UnixNano())
	}
	if err := os.Rename(file, aside); err != nil {
		return "", fmt.Errorf("move the damaged journal aside: %w", err)
	}
	if err := os.Rename(file+"-wal", aside+"-wal"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("move the damaged journal aside: %w", err)
	}
	_ = os.Remove(file + "-shm")
	return aside, nil
}

// setAsideStrayWAL moves away a WAL left without its database (the file was
// deleted by hand): SQLite would otherwise apply it to the new store.
func setAsideStrayWAL(file string) error {
	if _, err := os.Lstat(file + "-wal"); err != nil {
		return nil
	}
	if othersAlive(ownersDir(file), nil) {
		return fmt.Errorf("open journal %s: the file is missing while another Exchange is using it: close every Exchange window and command, then start again", file)
	}
	stray := file + "-wal.stray-" + time.Now().UTC().Format("20060102-150405")
	if err := os.Rename(file+"-wal", stray); err != nil {
		return fmt.Errorf("open journal %s: %w", file, err)
	}
	_ = os.Remove(file + "-shm")
	return nil
}

// guardFaults runs fn and turns a panic, or a memory fault in a mapped file
// (SIGBUS on a file cut short), into an error: reading a damaged file must
// not end the process.
func guardFaults(fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reading stopped at damage: %v", r)
		}
	}()
	return fn()
}

// salvageSQLite reads what it can of a damaged SQLite store: the queue, and
// the history from both ends (a damaged page in the middle stops a scan, not
// the one from the other end).
func salvageSQLite(file string) (storeRows, error) {
	var rows storeRows
	err := guardFaults(func() error {
		// writable_schema: a schema naming pages past the end of a file cut
		// short is read anyway, so the tables still in the file can be.
		db, err := sql.Open("sqlite", file+"?_pragma=busy_timeout(1000)&_pragma=writable_schema(1)")
		if err != nil {
			return err
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		items, bad, qerr := readQueueRows(db, `SELECT id, record FROM queue NOT INDEXED`)
		rows.queue, rows.bad = items, bad
		hist, herr := salvageHistory(db)
		rows.history = hist
		return errors.Join(qerr, herr)
	})
	return rows, err
}

func salvageHistory(db *sql.DB) ([]HistoryEntry, error) {
	seen := map[int64]HistoryEntry{}
	var ids []int64
	scan := func(order string) error {
		rows, err := db.Query(`SELECT id, record FROM history NOT INDEXED ORDER BY id ` + order)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var rec []byte
			if err := rows.Scan(&id, &rec); err != nil {
				return err
			}
			if _, dup := seen[id]; dup {
				return nil // the two scans met
			}
			var h HistoryEntry
			if decodeRecord(rec, &h) == nil {
				seen[id] = h
				ids = append(ids, id)
			}
		}
		return rows.Err()
	}
	ferr := scan("ASC")
	var berr error
	if ferr != nil {
		berr = scan("DESC")
	}
	// Back in the order they were written.
	slices.Sort(ids)
	out := make([]HistoryEntry, 0, len(ids))
	for _, id := range ids {
		out = append(out, seen[id])
	}
	if ferr != nil && berr == nil {
		ferr = nil // the second scan read the rest
	}
	return out, errors.Join(ferr, berr)
}

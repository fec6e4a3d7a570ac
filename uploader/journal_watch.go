package uploader

import (
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"
)

// The watch folders (package uploader/watch) keep, in the same journal, what
// they have taken of each folder, so that a restart (or a kill -9) never
// takes a file twice and never forgets one in flight. Their table has its own
// schema step, run the first time a watch uses the journal, so that the
// store's own schema (journal_store.go) does not change for them.
//
// watch_files: one row per file of a watched folder that a watch took:
//   - watch: the watch's key (its folder and profile, see watch.Key);
//   - path: the local file, as bytes (names on Linux need not be UTF-8);
//   - size and mtime: the file as it was taken;
//   - state: WatchTaken (handed to the service, not yet handled) or
//     WatchHandled (sent, skipped or failed, and left in place by the
//     after-policy "keep");
//   - item: the service's item, for reading events after a restart;
//   - updated: when the state was written (Unix nanoseconds).
const watchSchema = `
CREATE TABLE IF NOT EXISTS watch_files (
	watch   TEXT NOT NULL,
	path    BLOB NOT NULL,
	size    INTEGER NOT NULL,
	mtime   INTEGER NOT NULL,
	state   TEXT NOT NULL,
	item    TEXT NOT NULL,
	updated INTEGER NOT NULL,
	PRIMARY KEY (watch, path)
);
`

// States of a watched file in the journal.
const (
	WatchTaken   = "taken"   // handed to the service; its outcome not yet handled
	WatchHandled = "handled" // handled and left in the folder (after-policy keep)
)

// WatchFile is what a watch keeps of one file it took.
type WatchFile struct {
	Watch   string
	Path    string
	Size    int64
	ModTime time.Time
	State   string
	Item    ItemID
	Updated time.Time
}

// watchSchemaOnce runs the watch schema step once per open journal.
var watchSchemaOnce sync.Map // *Journal -> *schemaResult

type schemaResult struct {
	once sync.Once
	err  error
}

func (j *Journal) ensureWatchSchema() error {
	if j.isClosed() {
		return ErrJournalClosed // and leave no result behind for a closed journal
	}
	v, _ := watchSchemaOnce.LoadOrStore(j, &schemaResult{})
	r := v.(*schemaResult)
	r.once.Do(func() {
		r.err = j.update(onDisk, func(tx *sql.Tx) error {
			_, err := tx.Exec(watchSchema)
			return err
		})
	})
	if r.err != nil {
		return fmt.Errorf("prepare the watch folders' table: %w", r.err)
	}
	return nil
}

// WatchFiles returns every file a watch has recorded.
func (j *Journal) WatchFiles(watch string) ([]WatchFile, error) {
	if err := j.ensureWatchSchema(); err != nil {
		return nil, err
	}
	if err := j.flush(); errors.Is(err, ErrJournalClosed) {
		return nil, fmt.Errorf("read the watch folder's files: %w", err)
	}
	rows, err := j.db.Query(`SELECT path, size, mtime, state, item, updated FROM watch_files WHERE watch = ?`, watch)
	if err != nil {
		return nil, fmt.Errorf("read the watch folder's files: %w", err)
	}
	defer rows.Close()
	var out []WatchFile
	for rows.Next() {
		var f WatchFile
		var path []byte
		var mtime, updated int64
		var item string
		if err := rows.Scan(&path, &f.Size, &mtime, &f.State, &item, &updated); err != nil {
			return nil, fmt.Errorf("read the watch folder's files: %w", err)
		}
		f.Watch, f.Path, f.Item = watch, string(path), ItemID(item)
		f.ModTime, f.Updated = time.Unix(0, mtime), time.Unix(0, updated)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the watch folder's files: %w", err)
	}
	return out, nil
}

// PutWatchFiles records files (new or changed) in one commit; it returns
// once they are on disk. A watch records files as taken this way before
// the service gets them.
func (j *Journal) PutWatchFiles(files ...WatchFile) error {
	return j.putWatchFiles(onDisk, files)
}

// NoteWatchFiles records files without waiting for the disk (they are
// committed within milliseconds): for a file handled and kept, which a crash
// before the commit leaves recorded as taken, and the next start handles
// again from the history. A failed write is the journal's Err.
func (j *Journal) NoteWatchFiles(files ...WatchFile) error {
	return j.putWatchFiles(soon, files)
}

func (j *Journal) putWatchFiles(d durability, files []WatchFile) error {
	if err := j.ensureWatchSchema(); err != nil {
		return err
	}
	return j.update(d, func(tx *sql.Tx) error {
		for _, f := range files {
			_, err := tx.Exec(`INSERT INTO watch_files(watch, path, size, mtime, state, item, updated) VALUES(?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT(watch, path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime,
				state = excluded.state, item = excluded.item, updated = excluded.updated`,
				f.Watch, []byte(f.Path), f.Size, f.ModTime.UnixNano(), f.State, string(f.Item), f.Updated.UnixNano())
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// DeleteWatchFile forgets a file of a watch (it left the folder), without
// waiting for the disk: a crash before the commit leaves a record of a file
// that is gone, which the next start forgets.
func (j *Journal) DeleteWatchFile(watch, path string) error {
	if err := j.ensureWatchSchema(); err != nil {
		return err
	}
	return j.update(soon, func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM watch_files WHERE watch = ? AND path = ?`, watch, []byte(path))
		return err
	})
}

package uploader

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// JournalFile is the name of the store inside the state directory.
const JournalFile = "exchange.db"

// Item states kept in the journal.
const (
	stateQueued    = "queued"    // added, not yet validated
	stateWaiting   = "waiting"   // valid, waiting for a worker
	stateUploading = "uploading" // the temporary file on the server holds a prefix of UploadSHA256
	stateRenaming  = "renaming"  // verified; about to rename the temporary file to FinalName
)

// journalItem is one unfinished file as the journal keeps it.
type journalItem struct {
	ID        ItemID    `json:"id"`
	Path      string    `json:"path"`
	Profile   string    `json:"profile"`
	RemoteDir string    `json:"remote_dir"`
	Added     time.Time `json:"added"`
	State     string    `json:"state"`

	// The local file as validated: an upload resumes only when it is unchanged.
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
	SHA256  string    `json:"sha256,omitempty"`

	// TempName is the temporary remote name; UploadSHA256 is the sha256 of the
	// local content that the temporary file on the server is a prefix of.
	TempName     string `json:"temp_name,omitempty"`
	UploadSHA256 string `json:"upload_sha256,omitempty"`
	// FinalName is chosen (and made durable) before the rename.
	FinalName string `json:"final_name,omitempty"`

	SendDuplicate bool `json:"send_duplicate,omitempty"`
}

// Journal is the crash-safe store of the queue and the history: one SQLite
// database (exchange.db) in WAL mode in the state folder.
//
// Why SQLite in WAL mode (it replaced bbolt): the window, its watch folders
// and any number of `exchange upload` and `exchange history` commands must
// use one journal at the same time. bbolt locks the whole file for one
// process, so a scheduled command failed whenever the window was open. WAL
// is made for several processes reading and writing one file: readers never
// wait, writers take turns (busy_timeout), and each commit is one append and
// one fsync of the WAL. modernc.org/sqlite is pure Go, so the program still
// cross-compiles to Windows and macOS without cgo. A commit is on disk when
// it returns (synchronous=FULL): a crash or kill -9 leaves the old or the new
// state, never a torn one.
//
// Sharing: every open journal is an owner (journal_owner.go). Items a
// process queues are its own; at start, unfinished (the restore) takes only
// the items whose owner is gone (ended, killed, crashed), atomically, so two
// processes starting together never take the same item. History and LastSent
// see what every process has committed.
//
// Group commit: a single writer goroutine commits the changes that arrive
// together in one transaction (one fsync for several workers). Each change
// says how soon it must be on disk (durability): callers that need it before
// their next step (the rename) wait for the commit; a person's decision is
// committed within milliseconds; the rest rides along with the next commit.
//
// Failed writes: a write that fails (disk full, an I/O error) stops the
// journal. See Err for the contract.
//
// Damage: opening never crashes on a damaged file. A damaged store is moved
// aside (exchange.db.damaged-TIME), what SQLite can still read of it is
// saved into a new one, and Notice says what happened. A journal of the
// older bbolt format is imported once and kept as exchange.db.migrated.
type Journal struct {
	file      string
	db        *sql.DB
	owner     *owner
	ops       chan journalOp
	done      chan struct{}
	idleDelay time.Duration // idleCommitDelay; tests lengthen it
	commits   atomic.Int64  // transactions committed by the writer

	// sending guards ops: a change is sent under its read lock; Close takes
	// the write lock to close the queue, so a change is either queued
	// before Close or refused with ErrJournalClosed, never sent on a
	// closed channel.
	sending sync.RWMutex
	closed  bool

	mu      sync.Mutex
	err     error         // the first failed write; every later one fails with it
	failed  chan struct{} // closed when err is set
	notices []string
}

type journalOp struct {
	fn    func(tx *sql.Tx) error
	reply chan error // nil: nobody waits
	soon  bool       // commit within commitLinger even if nobody waits
}

// durability says how soon a change must be on disk.
type durability int

const (
	// whenConvenient: with the next commit that is needed anyway, or after
	// idleCommitDelay. For changes that the restart after a crash redoes or
	// recovers anyway (a file sent, found invalid, failed): under a slow
	// network one commit then serves a file's final name and the previous
	// file's history, instead of one commit each.
	whenConvenient durability = iota
	// soon: within commitLinger, the caller not waiting. For what a person
	// decided (cancel, remove, retry), which a crash must not undo.
	soon
	// onDisk: the call returns once the change is committed.
	onDisk
)

// OpenJournal opens (or creates) the journal in dir. Other processes may
// have it open at the same time.
//
// It never fails because of what the file holds: a damaged journal (not a
// database, cut short, empty) is moved aside and a new one started with what
// could be saved from it, and an old bbolt journal is imported. Notice then
// says so in a sentence for the person; show it. OpenJournal fails only when
// the state folder cannot be used (permissions, a full disk) or when the
// journal is damaged while another Exchange has it open.
func OpenJournal(dir string) (*Journal, error) {
	return openJournal(dir, idleCommitDelay)
}

// setupWait bounds the wait for another process that is opening (importing,
// repairing) the same journal.
const setupWait = time.Minute

func openJournal(dir string, idleDelay time.Duration) (*Journal, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create state folder: %w", err)
	}
	file := filepath.Join(dir, JournalFile)
	// One process at a time checks, imports or repairs the file and
	// registers itself as an owner; then they all share it.
	setup, err := lockWait(file+".lock", setupWait)
	if err != nil {
		return nil, fmt.Errorf("open journal %s: %w", file, err)
	}
	defer setup.Close()

	db, notices, err := prepareStore(file)
	if err != nil {
		return nil, err
	}
	sweepOwners(ownersDir(file), nil)
	own, err := acquireOwner(ownersDir(file))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open journal %s: %w", file, err)
	}
	j := &Journal{file: file, db: db, owner: own, ops: make(chan journalOp, 1024), done: make(chan struct{}),
		idleDelay: idleDelay, failed: make(chan struct{}), notices: notices}
	if err := j.quarantineUnreadable(); err != nil {
		own.release()
		db.Close()
		return nil, fmt.Errorf("open journal %s: %w", file, err)
	}
	go j.writer()
	return j, nil
}

// lockWait opens path and waits up to wait for its lock; closing the file
// releases it.
func lockWait(path string, wait time.Duration) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		locked, err := tryLockFile(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		if locked {
			return f, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("another Exchange has been opening it for %s; try again", wait)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Notice is what a person should be told about opening the journal (a
// damaged journal moved aside and what was saved of it, records that could
// not be read), or "" when all went normally. The window shows it in a
// dialog, the command line on stderr.
func (j *Journal) Notice() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return strings.Join(j.notices, "\n")
}

func (j *Journal) addNotice(s string) {
	j.mu.Lock()
	j.notices = append(j.notices, s)
	j.mu.Unlock()
}

// Err returns the first write of this journal that failed, or nil. The
// contract: once a write fails (disk full, I/O error), the journal stops:
// every later write, waited for or not, fails at once with the same
// *JournalWriteError, and so do putItems, finish, putItemsAsync and flush.
// Writes nobody waits for (whenConvenient, soon) cannot return it to their
// caller, so the service must check Err (or wait on failed) and stop the
// batch with this error instead of counting files as sent: a file whose
// history entry was not saved must not be reported as sent. History and
// LastSent go on reading what was saved.
func (j *Journal) Err() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.err
}

// ErrJournalClosed is what every method of a journal answers after Close.
var ErrJournalClosed = errors.New("the journal is closed")

// JournalWriteError is a change the journal could not save.
type JournalWriteError struct {
	File string
	Err  error
}

func (e *JournalWriteError) Error() string {
	return fmt.Sprintf("Exchange could not save its journal (%s): %s. Nothing more is sent until this is fixed and Exchange is started again (%v)",
		e.File, writeProblem(e.Err), e.Err)
}

func (e *JournalWriteError) Unwrap() error { return e.Err }

// fail records the first write failure and returns the error every later
// write gets.
func (j *Journal) fail(err error) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err == nil {
		var we *JournalWriteError
		if !errors.As(err, &we) {
			we = &JournalWriteError{File: j.file, Err: err}
		}
		j.err = we
		close(j.failed)
	}
	return j.err
}

// commitLinger is how long the writer waits for more changes before a commit
// that someone needs soon; idleCommitDelay, before one that nobody waits for.
// maxCommitOps bounds the changes in one commit.
const (
	commitLinger    = 5 * time.Millisecond
	idleCommitDelay = 200 * time.Millisecond
	maxCommitOps    = 512
)

// writer commits queued operations, as many as are waiting, in one transaction.
func (j *Journal) writer() {
	defer close(j.done)
	linger := time.NewTimer(0)
	<-linger.C
	for op := range j.ops {
		batch := []journalOp{op}
		// Wait a moment for the changes other workers are about to make: one
		// commit then serves them all. Changes nobody needs on disk soon wait
		// longer, for one that someone does.
		urgent := op.urgent()
		linger.Reset(j.lingerFor(urgent))
	drain:
		for len(batch) < maxCommitOps {
			select {
			case more, ok := <-j.ops:
				if !ok {
					break drain // closing: commit what is here now
				}
				batch = append(batch, more)
				if !urgent && more.urgent() {
					urgent = true
					linger.Reset(commitLinger)
				}
			case <-linger.C:
				break drain
			}
		}
		linger.Stop()
		err := j.Err()
		if err == nil && writes(batch) {
			if err = j.commit(batch); err != nil {
				err = j.fail(err)
			}
		}
		for _, op := range batch {
			if op.reply != nil {
				op.reply <- err
			}
		}
	}
}

// commit runs batch in one transaction. While another process holds the
// write lock longer than busyTimeout, it tries again, up to busyGiveUp.
func (j *Journal) commit(batch []journalOp) error {
	start := time.Now()
	for {
		err := j.commitOnce(batch)
		if err == nil {
			j.commits.Add(1)
			return nil
		}
		if !isBusy(err) || time.Since(start) > busyGiveUp {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (j *Journal) commitOnce(batch []journalOp) error {
	tx, err := j.db.BeginTx(context.Background(), nil)
	if err != nil {
		return err
	}
	for _, op := range batch {
		if op.fn == nil {
			continue
		}
		if err := op.fn(tx); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

func (op journalOp) urgent() bool { return op.reply != nil || op.soon }

func (j *Journal) lingerFor(urgent bool) time.Duration {
	if urgent {
		return commitLinger
	}
	return j.idleDelay
}

// writes reports whether a batch changes anything (flush barriers do not).
func writes(batch []journalOp) bool {
	for _, op := range batch {
		if op.fn != nil {
			return true
		}
	}
	return false
}

// update runs fn in a commit as soon as d asks, and with onDisk returns once
// it is on disk. After a failed write it fails at once (see Err).
func (j *Journal) update(d durability, fn func(tx *sql.Tx) error) error {
	if err := j.Err(); err != nil {
		return err
	}
	if d != onDisk {
		return j.send(journalOp{fn: fn, soon: d == soon})
	}
	reply := make(chan error, 1)
	if err := j.send(journalOp{fn: fn, reply: reply}); err != nil {
		return err
	}
	return <-reply
}

// flush returns once every change queued before it is on disk.
func (j *Journal) flush() error {
	reply := make(chan error, 1)
	if err := j.send(journalOp{reply: reply}); err != nil { // a barrier: answered after the commit of what came before
		return err
	}
	return <-reply
}

// send queues op for the writer, or refuses it once the journal is closed.
// The writer answers every op queued before Close.
func (j *Journal) send(op journalOp) error {
	j.sending.RLock()
	defer j.sending.RUnlock()
	if j.closed {
		return ErrJournalClosed
	}
	j.ops <- op
	return nil
}

// isClosed reports whether Close has been called.
func (j *Journal) isClosed() bool {
	j.sending.RLock()
	defer j.sending.RUnlock()
	return j.closed
}

// Close commits what is pending, gives up this process's claim on its
// unfinished items (the next process to start takes them up) and closes the
// file. It returns the journal's write failure, if there was one. After
// Close every method answers ErrJournalClosed (Err and Notice go on telling
// what they told); a second Close returns nil.
func (j *Journal) Close() error {
	if j == nil || j.ops == nil {
		return nil
	}
	j.sending.Lock()
	if j.closed {
		j.sending.Unlock()
		return nil
	}
	j.closed = true
	close(j.ops)
	j.sending.Unlock()
	<-j.done
	watchSchemaOnce.Delete(j)
	err := j.db.Close()
	j.owner.release()
	if werr := j.Err(); werr != nil {
		return werr
	}
	if err != nil {
		return fmt.Errorf("close journal %s: %w", j.file, err)
	}
	return nil
}

// putItemTx stores one item for owner.
func putItemTx(tx *sql.Tx, owner string, it journalItem) error {
	rec, err := encodeRecord(&it)
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO queue(id, owner, added, record) VALUES(?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET owner = excluded.owner, added = excluded.added, record = excluded.record`,
		string(it.ID), owner, it.Added.UnixNano(), rec)
	return err
}

func (j *Journal) putItemsTx(items []journalItem) func(tx *sql.Tx) error {
	return func(tx *sql.Tx) error {
		for _, it := range items {
			if err := putItemTx(tx, j.owner.id, it); err != nil {
				return err
			}
		}
		return nil
	}
}

// putItems stores items (new or changed), held by this process.
func (j *Journal) putItems(d durability, items ...journalItem) error {
	return j.update(d, j.putItemsTx(items))
}

// putItemsAsync stores items; the channel receives the commit's result once on disk.
func (j *Journal) putItemsAsync(items ...journalItem) <-chan error {
	reply := make(chan error, 1)
	if err := j.Err(); err != nil {
		reply <- err
		return reply
	}
	if err := j.send(journalOp{reply: reply, fn: j.putItemsTx(items)}); err != nil {
		reply <- err
	}
	return reply
}

// finish removes an item from the queue and, when h is not nil, records it in
// the history, in one transaction.
func (j *Journal) finish(d durability, id ItemID, h *HistoryEntry) error {
	return j.update(d, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM queue WHERE id = ?`, string(id)); err != nil {
			return err
		}
		if h == nil {
			return nil
		}
		return addHistory(tx, h)
	})
}

// unfinished returns the items of the queue that this process may take up,
// oldest first: its own, and those of owners that are gone, which it claims
// in the same transaction (so no other process takes them too). A record
// that cannot be read is set aside (Notice says so), not returned.
func (j *Journal) unfinished() ([]journalItem, error) {
	var items []journalItem
	var bad []quarantined
	reply := make(chan error, 1)
	if err := j.Err(); err != nil {
		return nil, err
	}
	err := j.send(journalOp{reply: reply, fn: func(tx *sql.Tx) error {
		items, bad = nil, nil // a commit tried again starts afresh
		if err := j.claimGoneOwners(tx); err != nil {
			return err
		}
		var err error
		items, bad, err = readQueue(tx, j.owner.id)
		if err != nil {
			return err
		}
		return removeUnreadable(tx, bad)
	}})
	if err != nil {
		return nil, err
	}
	if err := <-reply; err != nil {
		return nil, err
	}
	j.noticeUnreadable(bad)
	sortItems(items)
	return items, nil
}

// claimGoneOwners gives this journal the items of every owner that is gone.
func (j *Journal) claimGoneOwners(tx *sql.Tx) error {
	rows, err := tx.Query(`SELECT DISTINCT owner FROM queue WHERE owner != ?`, j.owner.id)
	if err != nil {
		return err
	}
	var owners []string
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			rows.Close()
			return err
		}
		owners = append(owners, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, o := range owners {
		if !ownerGone(ownersDir(j.file), o) {
			continue
		}
		if _, err := tx.Exec(`UPDATE queue SET owner = ? WHERE owner = ?`, j.owner.id, o); err != nil {
			return err
		}
	}
	return nil
}

// queryer is what readQueue needs of a *sql.Tx or a *sql.DB.
type queryer interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

// readQueue returns the items of owner (all of them when owner is "") and
// the records that cannot be decoded.
func readQueue(q queryer, owner string) ([]journalItem, []quarantined, error) {
	query, args := `SELECT id, record FROM queue WHERE owner = ?`, []any{owner}
	if owner == "" {
		query, args = `SELECT id, record FROM queue`, nil
	}
	return readQueueRows(q, query, args...)
}

// readQueueRows decodes the (id, record) rows the query returns.
func readQueueRows(q queryer, query string, args ...any) ([]journalItem, []quarantined, error) {
	rows, err := q.Query(query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var items []journalItem
	var bad []quarantined
	for rows.Next() {
		var id string
		var rec []byte
		if err := rows.Scan(&id, &rec); err != nil {
			return nil, nil, err
		}
		var it journalItem
		if err := decodeRecord(rec, &it); err != nil {
			bad = append(bad, quarantined{item: id, record: rec, problem: err.Error()})
			continue
		}
		if it.ID != ItemID(id) {
			bad = append(bad, quarantined{item: id, record: rec, problem: fmt.Sprintf("the record names item %q", it.ID)})
			continue
		}
		items = append(items, it)
	}
	return items, bad, rows.Err()
}

// removeUnreadable moves undecodable queue records to the quarantine table.
func removeUnreadable(tx *sql.Tx, bad []quarantined) error {
	for _, q := range bad {
		if err := quarantineTx(tx, q); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM queue WHERE id = ?`, q.item); err != nil {
			return err
		}
	}
	return nil
}

func quarantineTx(tx *sql.Tx, q quarantined) error {
	_, err := tx.Exec(`INSERT INTO quarantine(item, record, problem, moved) VALUES(?, ?, ?, ?)`,
		q.item, q.record, q.problem, time.Now().UnixNano())
	return err
}

// quarantineUnreadable sets aside, at open, every queue record that cannot
// be read, whoever holds it. It takes the write lock only when there is one.
func (j *Journal) quarantineUnreadable() error {
	_, bad, err := readQueue(j.db, "")
	if err != nil || len(bad) == 0 {
		return err
	}
	tx, err := j.db.BeginTx(context.Background(), nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := removeUnreadable(tx, bad); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	j.noticeUnreadable(bad)
	return nil
}

func (j *Journal) noticeUnreadable(bad []quarantined) {
	if len(bad) == 0 {
		return
	}
	j.addNotice(unreadableNotice(j.file, bad))
}

func unreadableNotice(file string, bad []quarantined) string {
	return fmt.Sprintf("%d unfinished file(s) in the journal %s could not be read and were set aside (table quarantine); add them again if they were not sent. First problem: item %q: %s",
		len(bad), file, bad[0].item, bad[0].problem)
}

// sortItems puts items in the order they were added. The queue is keyed by
// random IDs, so it comes back in no order: after a crash with 10,000 files
// queued, an insertion sort here would be quadratic.
func sortItems(items []journalItem) {
	slices.SortStableFunc(items, func(a, b journalItem) int { return a.Added.Compare(b.Added) })
}

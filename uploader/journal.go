package uploader

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// JournalFile is the name of the store inside the state directory.
const JournalFile = "exchange.db"

var (
	bucketQueue   = []byte("queue")   // ItemID -> journalItem (unfinished items)
	bucketHistory = []byte("history") // time-ordered key -> HistoryEntry
	bucketSent    = []byte("sent")    // profile NUL sha256 -> history key of the last send
)

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

// Journal is the crash-safe store of the queue and the history, one bbolt file
// in the state directory. A single writer goroutine commits the changes that
// arrive together in one transaction (one fsync for several workers). Each
// change says how soon it must be on disk (durability): callers that need it
// before their next step (the rename) wait for the commit; a person's decision
// is committed within milliseconds; the rest rides along with the next commit.
//
// Only one process may open a journal at a time: a second one waits up to a
// few seconds and then fails with a message saying so.
type Journal struct {
	db        *bolt.DB
	ops       chan journalOp
	done      chan struct{}
	idleDelay time.Duration // idleCommitDelay; tests lengthen it
}

type journalOp struct {
	fn    func(tx *bolt.Tx) error
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
	// file's history, instead of one commit each (two fsyncs each, which an
	// office PC's hard disk makes slow).
	whenConvenient durability = iota
	// soon: within commitLinger, the caller not waiting. For what a person
	// decided (cancel, remove, retry), which a crash must not undo.
	soon
	// onDisk: the call returns once the change is committed.
	onDisk
)

// OpenJournal opens (or creates) the journal in dir.
func OpenJournal(dir string) (*Journal, error) {
	return openJournal(dir, idleCommitDelay)
}

func openJournal(dir string, idleDelay time.Duration) (*Journal, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create state folder: %w", err)
	}
	file := filepath.Join(dir, JournalFile)
	db, err := bolt.Open(file, 0o600, &bolt.Options{Timeout: 3 * time.Second})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("open journal %s: another Exchange (window or command) is using it; close it or use another state folder", file)
		}
		return nil, fmt.Errorf("open journal %s: %w", file, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketQueue, bucketHistory, bucketSent} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("prepare journal %s: %w", file, err)
	}
	j := &Journal{db: db, ops: make(chan journalOp, 1024), done: make(chan struct{}), idleDelay: idleDelay}
	go j.writer()
	return j, nil
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
		// commit (two fsyncs) then serves them all. Changes nobody needs on
		// disk soon wait longer, for one that someone does.
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
		var err error
		if writes(batch) {
			err = j.db.Update(func(tx *bolt.Tx) error {
				for _, op := range batch {
					if op.fn == nil {
						continue
					}
					if err := op.fn(tx); err != nil {
						return err
					}
				}
				return nil
			})
		}
		for _, op := range batch {
			if op.reply != nil {
				op.reply <- err
			}
		}
	}
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
// it is on disk.
func (j *Journal) update(d durability, fn func(tx *bolt.Tx) error) error {
	if d != onDisk {
		j.ops <- journalOp{fn: fn, soon: d == soon}
		return nil
	}
	reply := make(chan error, 1)
	j.ops <- journalOp{fn: fn, reply: reply}
	if err := <-reply; err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// flush returns once every change queued before it is on disk.
func (j *Journal) flush() error {
	reply := make(chan error, 1)
	j.ops <- journalOp{reply: reply} // a barrier: answered after the commit of what came before
	if err := <-reply; err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// Close commits what is pending and closes the file.
func (j *Journal) Close() error {
	if j == nil || j.ops == nil {
		return nil
	}
	close(j.ops)
	<-j.done
	j.ops = nil
	return j.db.Close()
}

func putJSON(tx *bolt.Tx, bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.Bucket(bucket).Put(key, data)
}

// putItems stores items (new or changed).
func (j *Journal) putItems(d durability, items ...journalItem) error {
	return j.update(d, func(tx *bolt.Tx) error {
		for _, it := range items {
			if err := putJSON(tx, bucketQueue, []byte(it.ID), it); err != nil {
				return err
			}
		}
		return nil
	})
}

// putItemsAsync stores items; the channel receives the commit's result once on disk.
func (j *Journal) putItemsAsync(items ...journalItem) <-chan error {
	reply := make(chan error, 1)
	j.ops <- journalOp{reply: reply, fn: func(tx *bolt.Tx) error {
		for _, it := range items {
			if err := putJSON(tx, bucketQueue, []byte(it.ID), it); err != nil {
				return err
			}
		}
		return nil
	}}
	return reply
}

// finish removes an item from the queue and, when h is not nil, records it in
// the history, in one transaction.
func (j *Journal) finish(d durability, id ItemID, h *HistoryEntry) error {
	return j.update(d, func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketQueue).Delete([]byte(id)); err != nil {
			return err
		}
		if h == nil {
			return nil
		}
		return addHistory(tx, h)
	})
}

// unfinished returns the items of the queue, oldest first.
func (j *Journal) unfinished() ([]journalItem, error) {
	if err := j.flush(); err != nil {
		return nil, err
	}
	var items []journalItem
	err := j.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketQueue).ForEach(func(_, v []byte) error {
			var it journalItem
			if err := json.Unmarshal(v, &it); err != nil {
				return nil // a damaged record is dropped rather than blocking the queue
			}
			items = append(items, it)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read journal: %w", err)
	}
	sortItems(items)
	return items, nil
}

// sortItems puts items in the order they were added. The queue bucket is
// keyed by random IDs, so it comes back in no order: after a crash with
// 10,000 files queued, an insertion sort here would be quadratic.
func sortItems(items []journalItem) {
	slices.SortStableFunc(items, func(a, b journalItem) int { return a.Added.Compare(b.Added) })
}

package uploader

import (
	"time"

	"exchange/validate/report"
)

// ItemID identifies one file in the queue; it stays the same across restarts.
type ItemID string

// EventKind is what happened to an item.
type EventKind string

const (
	EventQueued     EventKind = "queued"     // added; not yet validated
	EventValidating EventKind = "validating" // the validator is reading the file
	EventInvalid    EventKind = "invalid"    // validation found errors: the file will not be sent
	EventWaiting    EventKind = "waiting"    // valid (maybe with warnings), waiting for a worker or for Start
	EventConnecting EventKind = "connecting" // a worker is connecting and logging in
	EventUploading  EventKind = "uploading"  // bytes are moving (Bytes, Total, Rate, ETA)
	EventVerifying  EventKind = "verifying"  // checking the remote size (and hash)
	EventRetrying   EventKind = "retrying"   // a retryable failure; next attempt in RetryIn
	EventDone       EventKind = "done"       // arrived under its final name (RemotePath)
	EventSkipped    EventKind = "skipped"    // not sent on purpose: duplicate or existing file policy, or already sent
	EventFailed     EventKind = "failed"     // gave up: Err, ErrClass and Hint say why
	EventCanceled   EventKind = "canceled"   // canceled by the user
	EventRemoved    EventKind = "removed"    // removed from the list
	EventBatchDone  EventKind = "batch-done" // the queue ran dry: Sent/Failed/Invalid/Skipped counts
	EventPaused     EventKind = "paused"     // the batch is paused
	EventResumed    EventKind = "resumed"    // the batch goes on
	// EventLeftover: the temporary file of a file canceled or removed while
	// no upload ran could not be removed from the server; Path is the local
	// file, Note says which temporary file and why. Item is empty: the item's
	// state does not change. (A removal that fails when an item fails is in
	// the failed or canceled event's Note.)
	EventLeftover EventKind = "leftover"
	// EventJournalFailed: the journal could not be written (a full disk, a
	// failing disk): Err says what could not be recorded and why, Hint what
	// to do. Item is empty; the batch stops and unfinished files fail.
	EventJournalFailed EventKind = "journal-failed"
)

// Event is one step of one item, or of the whole batch (Item empty).
// Events of one item arrive in order; uploading events are throttled to at
// most 10 a second per item.
//
// Seq numbers the events of a service, from 1, in the order they happened.
// ItemInfo.Seq says which event of its item a snapshot reflects: a
// subscriber that replays Items() after subscribing applies an event or a
// snapshot to an item only when its Seq is higher than the one it applied
// last, so an older state never overwrites a newer one.
type Event struct {
	Kind    EventKind `json:"event"`
	Seq     uint64    `json:"seq"`
	Item    ItemID    `json:"item,omitempty"`
	Path    string    `json:"path,omitempty"`    // local file
	Profile string    `json:"profile,omitempty"` // profile name
	Time    time.Time `json:"time"`

	Report *report.Report `json:"report,omitempty"` // with invalid and waiting

	Bytes int64         `json:"bytes,omitempty"` // bytes on the server so far
	Total int64         `json:"total,omitempty"` // file size
	Rate  float64       `json:"rate,omitempty"`  // bytes per second, smoothed
	ETA   time.Duration `json:"eta,omitempty"`   // time left at Rate

	Attempt int           `json:"attempt,omitempty"`  // 1 for the first try
	RetryIn time.Duration `json:"retry_in,omitempty"` // with retrying

	// Size and SHA256 are the content checked, with the decisions (done,
	// skipped, invalid, failed, canceled) when the file was read: the audit
	// trail records them.
	Size   int64  `json:"size,omitempty"`
	SHA256 string `json:"sha256,omitempty"`

	RemotePath string        `json:"remote_path,omitempty"` // with done
	Duration   time.Duration `json:"duration,omitempty"`    // with done
	Note       string        `json:"note,omitempty"`        // a plain sentence: why skipped, "resumed at 4 MB", ...

	Err      string `json:"error,omitempty"`       // with failed and retrying
	ErrClass string `json:"error_class,omitempty"` // retryable, permanent, auth, tls
	Hint     string `json:"hint,omitempty"`        // what to do, for a clerk

	// Batch counts, with batch-done.
	Sent, Failed, Invalid, Skipped int `json:",omitempty"`
}

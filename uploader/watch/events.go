package watch

import "time"

// EventKind is what happened to a file of a watched folder.
type EventKind string

const (
	EventTaken   EventKind = "taken"   // complete: handed to the service
	EventSent    EventKind = "sent"    // on the server (RemotePath); then MovedTo, kept or deleted
	EventSkipped EventKind = "skipped" // not sent on purpose (Reason), left where it is
	EventFailed  EventKind = "failed"  // invalid or failed for good (Reason); moved to Failed/ or kept
	// EventWaiting: not sent for a reason that may pass (the server is
	// down); the file stays and is tried again after RetryAfter.
	EventWaiting EventKind = "waiting"
	// EventProblem is a problem of the watch itself (the folder cannot be
	// read, a file cannot be moved): Reason says it in plain words.
	EventProblem EventKind = "problem"
)

// Event is one step of one file of a watch, for the command line's lines
// and the window's notifications.
type Event struct {
	Kind       EventKind `json:"event"`
	Dir        string    `json:"dir"`
	Path       string    `json:"path,omitempty"`
	Profile    string    `json:"profile"`
	Time       time.Time `json:"time"`
	RemotePath string    `json:"remote_path,omitempty"`
	// MovedTo is where the after-policy put the file ("" when it stayed);
	// Deleted says the after-policy deleted it.
	MovedTo string `json:"moved_to,omitempty"`
	Deleted bool   `json:"deleted,omitempty"`
	// Reason says why a file was skipped or failed, or what the problem is,
	// in the words the window uses.
	Reason string `json:"reason,omitempty"`
	Note   string `json:"note,omitempty"`
}

// Status is a watch's state for the window: watching, sending N, the last
// file and the errors.
type Status struct {
	Dir       string
	Profile   string
	Paused    bool
	Running   bool
	Sending   int       // files handed to the service and not yet handled
	LastFile  string    // the last file handled
	LastEvent EventKind // what happened to it
	LastTime  time.Time
	Errors    int    // files failed, refused or waiting for the server, and problems, since the start
	LastError string // the last of them, in plain words
}

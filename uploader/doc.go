// Package uploader is the upload service that the window and the command line
// both drive: it validates files, queues them, and sends them over FTP with
// workers that upload under a temporary name, check the size (and a hash when
// the server offers one), rename, resume and retry. It keeps a crash-safe
// journal and the history, and reports everything through typed events
// (events.go). It never imports Fyne.
//
// The journal and the history live in one SQLite database in WAL mode
// (exchange.db in the state folder; journal.go says why it replaced bbolt):
// the window and any number of `exchange` commands use it at the same time.
// modernc.org/sqlite is pure Go (no cgo), so the same code cross-compiles to
// Windows and macOS; each commit is fsynced before it returns, so a crash or
// a kill -9 leaves either the old or the new state, never a torn one. The
// queue is written before files are queued and the chosen final name before
// each rename: after a restart, unfinished files come back,
// a temporary file of unchanged content is resumed (REST, or APPE when REST is
// refused), an interrupted rename is recognised on the server, and nothing is
// lost or sent twice.
//
// Where things are: service.go holds the queue, pause/cancel and profiles;
// worker.go the workers, each with one session; transfer.go one file's trip
// to the server, step by step, talking to the service only through the
// narrow interfaces of transfer_host.go; outcome.go and commit.go how an
// attempt ends; pacer.go what a server's connection limit does.
//
// Events are numbered (Event.Seq) and Items() says which event of each item
// it reflects (ItemInfo.Seq), so a subscriber that replays the snapshot
// after subscribing never puts an older state over a newer one.
//
// A file is reported done only once its history entry is on disk; a journal
// write that fails, whoever made it, stops the batch and is told
// (EventJournalFailed, JournalError, Service.JournalErr). What was
// sent is hashed on the way and must match the check's hash. A temporary file
// whose item ends for good (failed, canceled, removed) is deleted from the
// server, or the failure says it could not be (leftover.go). A profile whose
// password is not known holds its files and asks for it (password.go).
package uploader

package watch

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"exchange/uploader"
)

// Queue is what a watch needs of the upload service: add files for a
// profile, and its events. *uploader.Service with one profile, or the
// window's service, behind a small adapter.
type Queue interface {
	// AddFor queues files for the named profile (registered with its password).
	AddFor(profileName string, paths ...string) ([]uploader.ItemID, error)
	// Subscribe calls fn with every event, in order, from one goroutine.
	Subscribe(fn func(uploader.Event)) (unsubscribe func())
}

// Store is where a watch keeps what it took: the service's journal.
type Store interface {
	WatchFiles(watch string) ([]uploader.WatchFile, error)
	PutWatchFiles(files ...uploader.WatchFile) error
	NoteWatchFiles(files ...uploader.WatchFile) error
	DeleteWatchFile(watch, path string) error
	// NoteMoved tells the history where a handled file was moved.
	NoteMoved(profile, path, movedTo string) error
	LastSent(profile, sha string) (uploader.HistoryEntry, bool, error)
}

// Watch sends the complete files of one folder to one profile. Run it with
// Run; Pause and Resume stop and restart taking files; Status reports.
type Watch struct {
	opts   Options
	key    string
	queue  Queue
	store  Store
	filter filter
	emit   func(Event)
	now    func() time.Time

	mu         sync.Mutex
	candidates map[string]*candidate         // files seen, not yet complete
	inflight   map[string]uploader.WatchFile // handed to the service
	handled    map[string]uploader.WatchFile // handled and kept (after-policy keep)
	later      map[string]time.Time          // to hand over again then (the server was down)
	paused     bool
	running    bool
	status     Status
	sweepNow   chan struct{} // read the folder again soon (resumed, a new sub-folder)
	sweepErr   string        // the last sweep's problem, said once
	emitMu     sync.Mutex
}

// candidate is a file seen in the folder, waiting to be complete.
type candidate struct {
	size  int64
	mtime time.Time
	known bool      // size and mtime were read
	since time.Time // when a change was last seen
}

// New prepares a watch; onEvent (may be nil) receives its events, one at a
// time. It reads what the journal holds of this watch.
func New(opts Options, queue Queue, store Store, onEvent func(Event)) (*Watch, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if onEvent == nil {
		onEvent = func(Event) {}
	}
	w := &Watch{
		opts: opts, key: Key(opts.Dir, opts.Profile.Name), queue: queue, store: store,
		filter: newFilter(opts.Include, opts.Exclude), emit: onEvent, now: time.Now,
		candidates: map[string]*candidate{}, inflight: map[string]uploader.WatchFile{},
		handled: map[string]uploader.WatchFile{}, later: map[string]time.Time{},
		sweepNow: make(chan struct{}, 1),
	}
	w.status = Status{Dir: opts.Dir, Profile: opts.Profile.Name}
	return w, nil
}

// Options returns the watch's options, defaults filled in.
func (w *Watch) Options() Options { return w.opts }

// Key is the watch's name in the journal.
func (w *Watch) Key() string { return w.key }

// Run watches the folder until ctx ends, then returns nil; files in flight
// stay recorded (the service parks or finishes them, and the next Run hands
// them over again). It fails at once when the folder cannot be read.
func (w *Watch) Run(ctx context.Context) error {
	if _, err := readFolder(w.opts.Dir); err != nil {
		return fmt.Errorf("watch %s: %w", w.opts.Dir, err)
	}
	unsubscribe := w.queue.Subscribe(w.onServiceEvent)
	defer unsubscribe()
	if err := w.resume(); err != nil {
		return err
	}
	w.setRunning(true)
	defer w.setRunning(false)

	notify := w.startNotify()
	defer notify.close()
	w.sweep()
	sweep := time.NewTicker(w.opts.SweepEvery)
	defer sweep.Stop()
	check := time.NewTimer(w.checkEvery())
	defer check.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-notify.events:
			w.noticeChange(ev, notify)
		case <-notify.lost:
			w.sweep()
		case <-w.sweepNow:
			w.sweep()
		case <-sweep.C:
			w.sweep()
		case <-check.C:
			w.checkCandidates()
			check.Reset(w.checkEvery())
		}
	}
}

// checkEvery is how often candidates are looked at: a tenth of the settle
// time, between 50 ms and 500 ms, so that a complete file is taken within
// settle + a tenth of it.
func (w *Watch) checkEvery() time.Duration {
	return min(max(w.opts.Settle/10, 50*time.Millisecond), 500*time.Millisecond)
}

// Pause stops taking new files (those in flight go on); Resume starts again.
func (w *Watch) Pause() {
	w.mu.Lock()
	w.paused, w.status.Paused = true, true
	w.mu.Unlock()
}

// Resume takes files again after Pause.
func (w *Watch) Resume() {
	w.mu.Lock()
	w.paused, w.status.Paused = false, false
	w.mu.Unlock()
	w.askSweep()
}

func (w *Watch) askSweep() {
	select {
	case w.sweepNow <- struct{}{}:
	default:
	}
}

// Status returns the watch's state now.
func (w *Watch) Status() Status {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.status
	s.Sending = len(w.inflight)
	return s
}

func (w *Watch) setRunning(b bool) {
	w.mu.Lock()
	w.running, w.status.Running = b, b
	w.mu.Unlock()
}

// send emits e, one at a time, and records it in the status.
func (w *Watch) send(e Event) {
	e.Dir, e.Profile = w.opts.Dir, w.opts.Profile.Name
	if e.Time.IsZero() {
		e.Time = w.now()
	}
	w.mu.Lock()
	switch e.Kind {
	case EventSent, EventSkipped, EventFailed:
		w.status.LastFile, w.status.LastEvent, w.status.LastTime = e.Path, e.Kind, e.Time
	}
	if e.Kind == EventFailed || e.Kind == EventProblem || e.Kind == EventWaiting {
		w.status.Errors++
		w.status.LastError = e.Reason
	}
	w.mu.Unlock()
	w.emitMu.Lock()
	defer w.emitMu.Unlock()
	w.emit(e)
}

func (w *Watch) problem(path string, err error) {
	w.send(Event{Kind: EventProblem, Path: path, Reason: err.Error()})
}

// rel is path relative to the watched folder, slash-separated.
func (w *Watch) rel(path string) string {
	r, err := filepath.Rel(w.opts.Dir, path)
	if err != nil {
		return filepath.Base(path)
	}
	return filepath.ToSlash(r)
}

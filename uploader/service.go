package uploader

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"exchange/profile"
	"exchange/transport"
	"exchange/validate/report"
)

// Options configure a Service. Journal and Validate are required.
type Options struct {
	// Journal keeps the queue and the history (see OpenJournal). The service
	// does not close it.
	Journal *Journal
	// Validate checks the content of one file against a profile
	// (validate.Reader with the profile's template): size bytes read through
	// r, which the service opened once for the check and the hash together.
	// It runs on the service's validator goroutines.
	Validate func(ctx context.Context, r io.ReaderAt, path string, size int64, p profile.Profile) (*report.Report, error)
	// Dial opens one session; nil means transport.Dial (the protocols the
	// program links in, see app/protocols.go).
	Dial func(ctx context.Context, cfg transport.Config) (transport.Session, error)
	// Configure adjusts the session config of a profile just before each
	// connection (ConfirmCertificate, Log...). It may be nil. ctx ends when
	// the attempt does (pause, cancel, the service closing): a question asked
	// from the config (ConfirmCertificate) should then stop waiting.
	Configure func(ctx context.Context, p profile.Profile, cfg *transport.Config)
	// DecideDuplicate is asked, with the "ask" duplicate policy, whether to
	// send a file whose content was already sent to the same profile. It runs
	// on a validator goroutine and may block while a person decides; other
	// files go on meanwhile. nil means "skip" (report it as already sent).
	// ctx ends when the service closes: it must then return (the answer no
	// longer matters; the file stays queued for the next start).
	DecideDuplicate func(ctx context.Context, d Duplicate) bool
	// Throttle wraps the bytes of each upload, read from the local file, to
	// hold them to speed limits (bandwidth.Limits.Reader; adminhooks.go). It may be nil.
	Throttle func(ctx context.Context, p profile.Profile, r io.Reader) io.Reader
	// MaySend is asked before each attempt to send a file; an error refuses
	// it for good, before anything goes to the server (an audit trail the
	// administrator requires cannot be written). It may be nil (adminhooks.go).
	MaySend func(p profile.Profile) error
	// Backoff is the wait before each retry; nil means ExponentialBackoff(1 s, 1 min).
	Backoff Backoff
	// Validators is how many files are validated at once; 0 means the number of CPUs.
	Validators int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Duplicate describes content already sent to a profile.
type Duplicate struct {
	Item       ItemID
	Path       string
	Profile    string
	SentAt     time.Time // when it was sent
	SentPath   string    // the local path it was sent from then
	RemotePath string    // where it went
}

// Cancellation causes.
var (
	errPaused   = errors.New("paused")
	errCanceled = errors.New("canceled by the user")
	errRemoved  = errors.New("removed from the list")
	errShutdown = errors.New("closing: the upload resumes next time")
)

// Service is the upload queue shared by the window and the command line:
// Add files, they are validated, queued and sent by workers (one FTP session
// each, reused across files). Every step is reported as an Event to
// subscribers. All methods are safe for concurrent use.
type Service struct {
	opts    Options
	journal *Journal

	ctx  context.Context
	stop context.CancelCauseFunc
	wg   sync.WaitGroup

	mu       sync.Mutex
	list     itemList
	profiles profileSet
	state    runState
	pool     workerPool
	claims   nameClaims
	folders  remoteFolders          // names learnt from listings (own lock)
	sent     map[sentKey]sentRecord // sent by this service
	batch    batchCounts

	events eventStream
}

type batchCounts struct {
	active                         bool
	sent, failed, invalid, skipped int
}

type profileEntry struct {
	p        profile.Profile
	password string
	gen      int   // bumped by every SetProfile: sessions of an older generation are replaced
	broken   error // a login or TLS failure: other files of this profile fail at once
	pace     pacer // holds back new sessions when the server has too many (pacer.go)
	// loginDir is where a session of generation loginGen was logged in:
	// the next sessions of that generation need not ask PWD.
	loginDir string
	loginGen int
}

// item is one file in the service.
type item struct {
	rec       journalItem
	kind      EventKind // the last event
	report    *report.Report
	attempt   int
	notBefore time.Time
	running   bool
	cancel    context.CancelCauseFunc
	started   time.Time
	remote    string // final remote path when done
	lastErr   string
	note      string
	recovered bool // came back from the journal of an earlier run
	// committing: sent, its history entry on its way to disk; it is
	// reported done once there. removeAfterCommit: Remove came meanwhile.
	committing, removeAfterCommit bool
	writes                        chan struct{} // closed when its last checked journal write ended
	// tempMayExist: an upload to its temporary name began and the file has
	// not been removed since; leftover: why it could not be removed.
	tempMayExist bool
	leftover     string
	seq          uint64 // the number of its last event
}

// ItemInfo is a snapshot of one item for a list view.
type ItemInfo struct {
	// Seq is the number of the item's last event the snapshot reflects
	// (see Event.Seq): apply it only over a state older than that.
	Seq        uint64
	ID         ItemID
	Path       string
	Profile    string
	State      EventKind
	Report     *report.Report
	RemotePath string
	Attempt    int
	Err        string
	Note       string
}

// New starts a service. Call SetProfile before Add, and Start to send.
func New(opts Options) (*Service, error) {
	if opts.Journal == nil {
		return nil, errors.New("uploader: Options.Journal is required")
	}
	if opts.Validate == nil {
		return nil, errors.New("uploader: Options.Validate is required")
	}
	if opts.Dial == nil {
		opts.Dial = transport.Dial
	}
	if opts.Backoff == nil {
		opts.Backoff = ExponentialBackoff(time.Second, time.Minute)
	}
	if opts.Validators <= 0 {
		opts.Validators = runtime.GOMAXPROCS(0)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	pending, err := opts.Journal.unfinished()
	if err != nil {
		return nil, err
	}
	s := &Service{
		opts:     opts,
		journal:  opts.Journal,
		list:     newItemList(),
		profiles: profileSet{byName: map[string]*profileEntry{}},
		state:    runState{changed: make(chan struct{})},
		claims:   nameClaims{temp: map[tempKey]ItemID{}, final: map[string]ItemID{}},
		sent:     map[sentKey]sentRecord{},
	}
	for _, it := range pending {
		s.list.recovered[it.ID] = it
	}
	s.ctx, s.stop = context.WithCancelCause(context.Background())
	s.wg.Add(1)
	go s.watchJournal()
	return s, nil
}

func (s *Service) now() time.Time { return s.opts.Now() }

// signal wakes everything waiting for a change. Callers hold s.mu.
func (s *Service) signal() {
	close(s.state.changed)
	s.state.changed = make(chan struct{})
}

// SetProfile registers p with its password and makes it the profile of the
// files added from now on. Sessions opened from now on use the new settings
// (passive or active, TLS...); a worker replaces its open session before its
// next file. The number of workers follows p.Connections.
func (s *Service) SetProfile(p profile.Profile, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.registerLocked(p, password)
	s.profiles.current = p.Name
	s.spawnWorkersLocked()
	s.signal()
}

// RegisterProfile makes p known (for Restore) without changing the current profile.
func (s *Service) RegisterProfile(p profile.Profile, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.registerLocked(p, password)
	s.signal()
}

func (s *Service) registerLocked(p profile.Profile, password string) {
	p = p.WithDefaults()
	e := s.profiles.byName[p.Name]
	if e == nil {
		e = &profileEntry{}
		s.profiles.byName[p.Name] = e
	}
	e.p, e.password, e.broken = p, password, nil
	e.gen++
}

// Restore puts back in the queue every unfinished file of an earlier run
// whose profile is registered; they are validated again and then resumed or
// restarted. It returns their ids.
func (s *Service) Restore() []ItemID {
	s.mu.Lock()
	defer s.mu.Unlock()
	var recs []journalItem
	for _, rec := range s.list.recovered {
		if s.profiles.byName[rec.Profile] != nil {
			recs = append(recs, rec)
		}
	}
	sortItems(recs)
	var ids []ItemID
	for _, rec := range recs {
		delete(s.list.recovered, rec.ID)
		it := &item{rec: rec, recovered: true, tempMayExist: rec.State == stateUploading}
		s.addLocked(it)
		ids = append(ids, rec.ID)
	}
	return ids
}

// Add queues files for the current profile and returns their ids in order.
// A file already in the list (same path and profile, not finished) is not
// added twice; a file left unfinished by an earlier run is taken up again
// with its journal record, so that its upload resumes.
func (s *Service) Add(paths ...string) ([]ItemID, error) {
	return s.addFor("", paths)
}

// addFor is Add for the named profile ("" means the current one): it finds
// the profile, picks up or creates an item per file, writes the new ones to
// the journal and only then queues them.
func (s *Service) addFor(profileName string, paths []string) ([]ItemID, error) {
	return s.add(profileName, paths, false)
}

// add is addFor; again marks the items as sent even when their content was
// sent before (a person asked for it explicitly).
func (s *Service) add(profileName string, paths []string, again bool) ([]ItemID, error) {
	s.mu.Lock()
	p, err := s.profileToAddLocked(profileName)
	if err != nil {
		s.mu.Unlock()
		return nil, err
	}
	ids, added, fresh, err := s.itemsToAddLocked(p, paths, again)
	s.mu.Unlock()
	if err != nil {
		return ids, err
	}
	// New items are on disk before they are queued, so a crash after Add loses none.
	if err := s.recordAdded(fresh); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, it := range added {
		s.addLocked(it)
	}
	return ids, nil
}

// profileToAddLocked is the profile files are added for ("" is the current
// one), or why none can be added now.
func (s *Service) profileToAddLocked(profileName string) (profile.Profile, error) {
	if s.state.closed {
		return profile.Profile{}, errors.New("uploader: the service is closed")
	}
	if s.state.journalErr != nil {
		return profile.Profile{}, s.state.journalErr
	}
	if profileName == "" {
		profileName = s.profiles.current
	}
	e := s.profiles.byName[profileName]
	if e == nil {
		if profileName == "" {
			return profile.Profile{}, errors.New("uploader: no profile set (SetProfile)")
		}
		return profile.Profile{}, fmt.Errorf("uploader: profile %q is not registered (RegisterProfile)", profileName)
	}
	return e.p, nil
}

// itemsToAddLocked gives each path its item: the one still in the list, one
// left by an earlier run, or a new one (also returned in fresh, for the
// journal). ids are in the order of paths; added are the items to queue.
func (s *Service) itemsToAddLocked(p profile.Profile, paths []string, again bool) (ids []ItemID, added []*item, fresh []journalItem, err error) {
	ids = make([]ItemID, 0, len(paths))
	for _, path := range paths {
		abs, err := filepath.Abs(path)
		if err != nil {
			return ids, nil, nil, fmt.Errorf("add %s: %w", path, err)
		}
		if id, ok := s.activeLocked(abs, p.Name); ok {
			ids = append(ids, id)
			continue
		}
		it := s.adoptLocked(abs, p.Name)
		if it == nil {
			it = &item{rec: journalItem{
				ID: newItemID(), Path: abs, Profile: p.Name, RemoteDir: p.RemoteDir,
				Added: s.now(), State: stateQueued, SendDuplicate: again,
			}}
			fresh = append(fresh, it.rec)
		} else if again {
			it.rec.SendDuplicate = true
		}
		ids = append(ids, it.rec.ID)
		added = append(added, it)
	}
	return ids, added, fresh, nil
}

// recordAdded writes new items to the journal, waiting for the disk; a
// failure stops the service's journal and is returned.
func (s *Service) recordAdded(fresh []journalItem) error {
	if len(fresh) == 0 {
		return nil
	}
	if err := s.journal.putItems(onDisk, fresh...); err != nil {
		je := journalError(err, "the files added")
		s.mu.Lock()
		s.journalFailedLocked(je, nil)
		s.mu.Unlock()
		return je
	}
	return nil
}

func (s *Service) activeLocked(path, prof string) (ItemID, bool) {
	// Only the newest item of a file can be unfinished: a file is not added
	// again while it is, and Retry makes its item the newest again.
	id, ok := s.list.latest[fileKey{localPathKey(path), prof}]
	if !ok {
		return "", false
	}
	if it := s.list.items[id]; it != nil && !it.kind.terminal() {
		return id, true
	}
	return "", false
}

func (s *Service) adoptLocked(path, prof string) *item {
	for id, rec := range s.list.recovered {
		if localPathKey(rec.Path) == localPathKey(path) && rec.Profile == prof {
			delete(s.list.recovered, id)
			return &item{rec: rec, recovered: true, tempMayExist: rec.State == stateUploading}
		}
	}
	return nil
}

// addLocked puts it in the list and in the validation queue.
func (s *Service) addLocked(it *item) {
	if _, ok := s.list.items[it.rec.ID]; !ok {
		s.list.order = append(s.list.order, it.rec.ID)
	}
	s.list.items[it.rec.ID] = it
	s.list.latest[it.rec.fileKey()] = it.rec.ID
	s.batch.active = true
	note := ""
	if it.recovered {
		note = "unfinished in an earlier run: it will be resumed or sent again"
	}
	s.emitItem(it, Event{Kind: EventQueued, Note: note})
	s.queueValidationLocked(it)
}

func newItemID() ItemID {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return ItemID(hex.EncodeToString(b))
}

// terminal reports whether an item in this state is finished.
func (k EventKind) terminal() bool {
	switch k {
	case EventDone, EventSkipped, EventFailed, EventInvalid, EventCanceled, EventRemoved:
		return true
	}
	return false
}

// emitItem records the item's new state and sends the event. Callers hold s.mu.
func (s *Service) emitItem(it *item, e Event) {
	if it.kind == EventRemoved {
		return
	}
	e.Item, e.Path, e.Profile = it.rec.ID, it.rec.Path, it.rec.Profile
	if e.Kind.terminal() && e.SHA256 == "" {
		e.Size, e.SHA256 = it.rec.Size, it.rec.SHA256
	}
	if it.kind.terminal() && !e.Kind.terminal() { // retried: in play again
		s.list.finishedUpTo = 0
		s.list.latest[it.rec.fileKey()] = it.rec.ID
	}
	if e.Kind != EventUploading || it.kind != EventUploading {
		it.kind = e.Kind
	}
	if e.Note != "" {
		it.note = e.Note
	}
	if e.Err != "" {
		it.lastErr = e.Err
	}
	it.seq = s.emit(e)
}

// Start lets workers send the queued files. Before Start files are validated
// and wait.
func (s *Service) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.started = true
	s.spawnWorkersLocked()
	s.signal()
}

// Pause stops the batch: running uploads are interrupted (their temporary
// files stay on the server, to be resumed) and no new one starts.
func (s *Service) Pause() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state.paused || s.state.closed {
		return
	}
	s.state.paused = true
	for _, it := range s.list.items {
		if it.running && it.cancel != nil {
			it.cancel(errPaused)
		}
	}
	s.emit(Event{Kind: EventPaused})
	s.signal()
}

// Resume goes on after Pause; interrupted uploads continue where they stopped.
func (s *Service) Resume() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.state.paused || s.state.closed {
		return
	}
	s.state.paused = false
	s.emit(Event{Kind: EventResumed})
	s.signal()
}

// Paused reports whether the batch is paused.
func (s *Service) Paused() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.paused
}

// Cancel stops one file: it is not sent (its temporary file is deleted when
// possible). Canceling a finished file does nothing.
func (s *Service) Cancel(id ItemID) error {
	return s.stopItem(id, errCanceled)
}

// CancelAll cancels every unfinished file.
func (s *Service) CancelAll() {
	s.mu.Lock()
	ids := append([]ItemID(nil), s.list.order...)
	s.mu.Unlock()
	for _, id := range ids {
		_ = s.stopItem(id, errCanceled)
	}
}

// Remove takes a file off the list, canceling it first if needed.
func (s *Service) Remove(id ItemID) error {
	return s.stopItem(id, errRemoved)
}

func (s *Service) stopItem(id ItemID, cause error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, err := s.itemLocked(id)
	if err != nil {
		return err
	}
	if it.running {
		it.cancel(cause) // the worker reports it when the transfer has stopped
		return nil
	}
	if it.committing { // sent already: too late to cancel; removed once reported
		it.removeAfterCommit = it.removeAfterCommit || cause == errRemoved
		return nil
	}
	if cause == errCanceled && it.kind.terminal() {
		return nil
	}
	if !it.kind.terminal() {
		s.checkedWrite(it, stopWhat(cause, it), func() error { return s.journal.finish(onDisk, id, nil) })
		s.removeLeftoverLater(it)
	}
	s.finishLocked(it, cause)
	return nil
}

// stopWhat names a cancel or a removal of it for the person.
func stopWhat(cause error, it *item) string {
	if cause == errRemoved {
		return "the removal of " + it.name()
	}
	return "the cancel of " + it.name()
}

// name is the local file's name.
func (it *item) name() string { return filepath.Base(it.rec.Path) }

// itemLocked finds an item of an open service.
func (s *Service) itemLocked(id ItemID) (*item, error) {
	it := s.list.items[id]
	if it == nil {
		return nil, fmt.Errorf("uploader: no item %s", id)
	}
	if s.state.closed {
		return nil, errors.New("uploader: the service is closed")
	}
	return it, nil
}

// finishLocked ends an item that is not running because of cause
// (errCanceled or errRemoved).
func (s *Service) finishLocked(it *item, cause error) {
	if cause == errRemoved {
		s.emitItem(it, Event{Kind: EventRemoved, Note: it.leftover})
		delete(s.list.items, it.rec.ID)
		if key := it.rec.fileKey(); s.list.latest[key] == it.rec.ID {
			delete(s.list.latest, key)
		}
		for i, id := range s.list.order {
			if id == it.rec.ID {
				s.list.order = append(s.list.order[:i:i], s.list.order[i+1:]...)
				break
			}
		}
		s.list.finishedUpTo = 0 // the places after it moved
	} else {
		s.emitItem(it, Event{Kind: EventCanceled, Note: it.leftover})
	}
	s.checkBatchDoneLocked()
}

// Retry sends a failed or canceled file again, or validates an invalid one again.
func (s *Service) Retry(id ItemID) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, err := s.itemLocked(id)
	if err != nil {
		return err
	}
	switch it.kind {
	case EventFailed, EventCanceled, EventInvalid:
	default:
		return fmt.Errorf("uploader: %s is %s, not failed", filepath.Base(it.rec.Path), it.kind)
	}
	if e := s.profiles.byName[it.rec.Profile]; e != nil {
		e.broken = nil
	}
	it.attempt, it.notBefore, it.lastErr, it.leftover = 0, time.Time{}, "", ""
	if s.state.journalErr != nil {
		return s.state.journalErr
	}
	it.rec.State = stateQueued
	rec := it.rec
	s.checkedWrite(it, "the retry of "+it.name(), func() error { return s.journal.putItems(onDisk, rec) })
	s.batch.active = true
	s.emitItem(it, Event{Kind: EventQueued, Note: "retry"})
	s.queueValidationLocked(it)
	return nil
}

// Items returns a snapshot of the list, in the order files were added.
func (s *Service) Items() []ItemInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ItemInfo, 0, len(s.list.order))
	for _, id := range s.list.order {
		it := s.list.items[id]
		out = append(out, ItemInfo{Seq: it.seq, ID: id, Path: it.rec.Path, Profile: it.rec.Profile, State: it.kind,
			Report: it.report, RemotePath: it.remote, Attempt: it.attempt, Err: it.lastErr, Note: it.note})
	}
	return out
}

// busyLocked reports whether any item is unfinished.
func (s *Service) busyLocked() bool {
	for _, it := range s.list.items {
		if !it.kind.terminal() {
			return true
		}
	}
	return false
}

// checkBatchDoneLocked sends batch-done when the last unfinished item finished.
func (s *Service) checkBatchDoneLocked() {
	s.signal()
	if !s.batch.active || s.state.closed || s.busyLocked() {
		return
	}
	b := s.batch
	s.batch = batchCounts{}
	s.emit(Event{Kind: EventBatchDone, Sent: b.sent, Failed: b.failed, Invalid: b.invalid, Skipped: b.skipped})
}

// Wait returns when no file is unfinished (every one is done, skipped,
// invalid, failed or canceled), or when ctx ends. A paused batch is unfinished.
func (s *Service) Wait(ctx context.Context) error {
	for {
		s.mu.Lock()
		if !s.busyLocked() || s.state.closed {
			s.mu.Unlock()
			return nil
		}
		ch := s.state.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Close stops the service: running uploads are interrupted and their
// temporary files left on the server, unfinished files stay in the journal to
// be resumed next time, and every event already emitted is delivered before
// Close returns. The journal stays open (its owner closes it).
func (s *Service) Close() error {
	s.mu.Lock()
	if s.state.closed {
		s.mu.Unlock()
		return nil
	}
	s.state.closed = true
	for _, it := range s.list.items {
		if it.running && it.cancel != nil {
			it.cancel(errShutdown)
		}
	}
	s.stop(errShutdown)
	s.signal()
	s.mu.Unlock()
	s.wg.Wait()
	s.events.mu.Lock()
	subs := s.events.subs
	s.events.subs = nil
	s.events.mu.Unlock()
	for _, sub := range subs {
		sub.stop()
	}
	return nil
}

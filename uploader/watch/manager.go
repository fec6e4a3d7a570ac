package watch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"exchange/profile"
)

// Definition is one watch as the window keeps it (watches.json in the state
// folder) or as an administrator set it for the machine (read-only).
type Definition struct {
	Dir       string   `json:"dir"`
	Profile   string   `json:"profile"`
	After     After    `json:"after,omitempty"`
	Settle    Duration `json:"settle,omitempty"`
	Include   []string `json:"include,omitempty"`
	Exclude   []string `json:"exclude,omitempty"`
	Recursive bool     `json:"recursive,omitempty"`
	// Managed: set by the administrator (the MSI's WATCH_DIR); the window
	// shows it and cannot change it.
	Managed bool `json:"-"`
}

// Duration is a time.Duration written as "3s" in JSON.
type Duration time.Duration

func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	*d = Duration(v)
	return err
}

// Key names the watch of a definition.
func (d Definition) Key() string { return Key(filepath.Clean(d.Dir), d.Profile) }

// ManagerConfig is what a Manager needs.
type ManagerConfig struct {
	// Definitions keeps the user's watches; nil keeps them in memory only.
	Definitions *DefinitionStore
	// Managed are the machine-wide watches (read-only).
	Managed []Definition
	// Profile finds a profile by name, as the service knows it.
	Profile func(name string) (profile.Profile, error)
	Queue   Queue
	Store   Store
	// OnEvent receives the events of every watch (may be nil).
	OnEvent func(Event)
}

// Manager runs the watches of the window: the user's (saved) and the
// machine's, each in its own goroutine, with one Pause/Resume for all.
type Manager struct {
	cfg ManagerConfig
	ctx context.Context

	mu      sync.Mutex
	running map[string]*managed
	paused  bool
	wg      sync.WaitGroup
}

type managed struct {
	def    Definition
	w      *Watch
	cancel context.CancelFunc
	err    error // why it is not running
}

// WatchState is one watch for the window: its definition and its status.
type WatchState struct {
	Definition
	Status
	// Err says why the watch is not running (the folder is gone, the
	// profile was deleted).
	Err string
}

// NewManager prepares the watches; Start runs them.
func NewManager(cfg ManagerConfig) *Manager {
	if cfg.OnEvent == nil {
		cfg.OnEvent = func(Event) {}
	}
	return &Manager{cfg: cfg, running: map[string]*managed{}}
}

// Start runs every saved and machine-wide watch until ctx ends. A watch
// that cannot start (its folder is missing) is listed with the reason.
func (m *Manager) Start(ctx context.Context) error {
	m.mu.Lock()
	m.ctx = ctx
	m.mu.Unlock()
	var defs []Definition
	var err error
	if m.cfg.Definitions != nil {
		defs, err = m.cfg.Definitions.Load()
	}
	for _, d := range append(slices.Clone(m.cfg.Managed), defs...) {
		m.start(d)
	}
	return err
}

// Add saves a new watch and starts it.
func (m *Manager) Add(d Definition) error {
	d.Dir = filepath.Clean(d.Dir)
	info, err := os.Stat(d.Dir)
	if err != nil || !info.IsDir() {
		return fmt.Errorf("%s is not a folder that can be watched", d.Dir)
	}
	if _, err := m.cfg.Profile(d.Profile); err != nil {
		return fmt.Errorf("profile %q: %w", d.Profile, err)
	}
	m.mu.Lock()
	_, exists := m.running[d.Key()]
	m.mu.Unlock()
	if exists {
		return fmt.Errorf("%s is already watched for %q", d.Dir, d.Profile)
	}
	if m.cfg.Definitions != nil {
		if err := m.cfg.Definitions.Update(func(defs []Definition) []Definition { return append(defs, d) }); err != nil {
			return err
		}
	}
	m.start(d)
	return nil
}

// Remove stops a watch and forgets it; a machine-wide one cannot be removed.
func (m *Manager) Remove(key string) error {
	m.mu.Lock()
	mw := m.running[key]
	if mw != nil && mw.def.Managed {
		m.mu.Unlock()
		return errors.New("this watch was set up by your administrator for the whole computer")
	}
	delete(m.running, key)
	m.mu.Unlock()
	if mw != nil && mw.cancel != nil {
		mw.cancel()
	}
	if m.cfg.Definitions == nil {
		return nil
	}
	return m.cfg.Definitions.Update(func(defs []Definition) []Definition {
		return slices.DeleteFunc(defs, func(d Definition) bool { return d.Key() == key })
	})
}

func (m *Manager) start(d Definition) {
	mw := &managed{def: d}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.running[d.Key()]; dup {
		return
	}
	m.running[d.Key()] = mw
	p, err := m.cfg.Profile(d.Profile)
	if err != nil {
		mw.err = fmt.Errorf("profile %q: %w", d.Profile, err)
		return
	}
	if p.Duplicates == "" {
		p.Duplicates = profile.DuplicateAsk
	}
	w, err := New(Options{Dir: d.Dir, Profile: p, Settle: time.Duration(d.Settle), After: d.After,
		Include: d.Include, Exclude: d.Exclude, Recursive: d.Recursive}, m.cfg.Queue, m.cfg.Store, m.cfg.OnEvent)
	if err != nil {
		mw.err = err
		return
	}
	if m.paused {
		w.Pause()
	}
	ctx, cancel := context.WithCancel(m.ctx)
	mw.w, mw.cancel = w, cancel
	m.wg.Go(func() {
		if err := w.Run(ctx); err != nil {
			m.mu.Lock()
			mw.err = err
			m.mu.Unlock()
			m.cfg.OnEvent(Event{Kind: EventProblem, Dir: d.Dir, Profile: d.Profile, Time: time.Now(), Reason: err.Error()})
		}
	})
}

// States lists the watches, machine-wide ones first, in the order they were added.
func (m *Manager) States() []WatchState {
	m.mu.Lock()
	list := make([]*managed, 0, len(m.running))
	for _, mw := range m.running {
		list = append(list, mw)
	}
	m.mu.Unlock()
	slices.SortFunc(list, func(a, b *managed) int {
		if a.def.Managed != b.def.Managed {
			if a.def.Managed {
				return -1
			}
			return 1
		}
		return compareStrings(a.def.Key(), b.def.Key())
	})
	out := make([]WatchState, 0, len(list))
	for _, mw := range list {
		s := WatchState{Definition: mw.def}
		m.mu.Lock()
		if mw.err != nil {
			s.Err = mw.err.Error()
		}
		m.mu.Unlock()
		if mw.w != nil {
			s.Status = mw.w.Status()
		}
		out = append(out, s)
	}
	return out
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Watching is how many watches are running.
func (m *Manager) Watching() int {
	n := 0
	for _, s := range m.States() {
		if s.Running {
			n++
		}
	}
	return n
}

// Owns reports whether path is a file a watch takes (the window then
// does not ask about it: a watch's duplicate is skipped).
func (m *Manager) Owns(path string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, mw := range m.running {
		if rel, err := filepath.Rel(mw.def.Dir, path); err == nil && filepath.IsLocal(rel) && !handledFolder(rel) {
			return true
		}
	}
	return false
}

// PauseAll stops every watch from taking new files; ResumeAll starts them again.
func (m *Manager) PauseAll() { m.setPaused(true) }

// ResumeAll undoes PauseAll.
func (m *Manager) ResumeAll() { m.setPaused(false) }

// Paused reports whether the watches are paused.
func (m *Manager) Paused() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.paused
}

func (m *Manager) setPaused(b bool) {
	m.mu.Lock()
	m.paused = b
	var ws []*Watch
	for _, mw := range m.running {
		if mw.w != nil {
			ws = append(ws, mw.w)
		}
	}
	m.mu.Unlock()
	for _, w := range ws {
		if b {
			w.Pause()
		} else {
			w.Resume()
		}
	}
}

// Wait returns once every watch has stopped (after the context of Start ended).
func (m *Manager) Wait() { m.wg.Wait() }

// handledFolder reports whether rel (relative to a watched folder) is in its
// Sent/ or Failed/ folder, where the watch puts what it handled and never
// takes a file from: a file there that is queued was a person's choice.
func handledFolder(rel string) bool {
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return first == SentFolder || first == FailedFolder
}

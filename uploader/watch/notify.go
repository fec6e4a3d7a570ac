package watch

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/fsnotify/fsnotify"
)

// notifier forwards fsnotify's events for the watched folder (and its
// sub-folders with Recursive). When fsnotify cannot watch (a network drive,
// too many watches), events never come and the sweep does the work alone.
type notifier struct {
	fsw    *fsnotify.Watcher
	events chan fsnotify.Event // nil when not watching
	lost   chan struct{}       // an event was lost (overflow, an error): sweep
	done   chan struct{}
}

func (w *Watch) startNotify() *notifier {
	n := &notifier{lost: make(chan struct{}, 1), done: make(chan struct{})}
	fsw, err := fsnotify.NewWatcher()
	if err == nil {
		err = fsw.Add(w.opts.Dir)
		if err != nil {
			fsw.Close()
		}
	}
	if err != nil {
		w.problem(w.opts.Dir, fmt.Errorf("changes in %s are not reported by the system (%v): the folder is read every %s instead",
			w.opts.Dir, err, w.opts.SweepEvery))
		close(n.done)
		return n
	}
	n.fsw = fsw
	n.events = make(chan fsnotify.Event, 4096)
	go n.forward()
	if w.opts.Recursive {
		w.watchSubfolders(n, w.opts.Dir)
	}
	return n
}

// forward copies events into a buffer of its own: a burst that fills it is
// not waited for (the watcher would stall); it is counted lost, and the
// sweep that follows finds the files.
func (n *notifier) forward() {
	defer close(n.done)
	for {
		select {
		case ev, ok := <-n.fsw.Events:
			if !ok {
				return
			}
			select {
			case n.events <- ev:
			default:
				n.signalLost()
			}
		case _, ok := <-n.fsw.Errors:
			if !ok {
				return
			}
			n.signalLost() // fsnotify.ErrEventOverflow and the like
		}
	}
}

func (n *notifier) signalLost() {
	select {
	case n.lost <- struct{}{}:
	default:
	}
}

// add watches one more folder (a sub-folder, with Recursive).
func (n *notifier) add(dir string) {
	if n.fsw != nil {
		_ = n.fsw.Add(dir) // the sweep covers a folder that cannot be watched
	}
}

func (n *notifier) close() {
	if n.fsw != nil {
		n.fsw.Close()
	}
	<-n.done
}

// watchSubfolders adds every sub-folder of dir that the watch looks into.
func (w *Watch) watchSubfolders(n *notifier, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		sub := filepath.Join(dir, e.Name())
		if e.IsDir() && w.looksInto(sub) {
			n.add(sub)
			w.watchSubfolders(n, sub)
		}
	}
}

// noticeChange marks a file that changed as a candidate; a new sub-folder is
// watched and read.
func (w *Watch) noticeChange(ev fsnotify.Event, n *notifier) {
	if w.opts.Recursive && ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() && w.looksInto(ev.Name) {
			n.add(ev.Name)
			w.watchSubfolders(n, ev.Name)
			w.askSweep() // files written before the folder was watched
			return
		}
	}
	if filepath.Dir(ev.Name) != w.opts.Dir && !w.opts.Recursive {
		return
	}
	if !w.filter.takes(w.rel(ev.Name)) {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, busy := w.inflight[ev.Name]; busy {
		return
	}
	if _, waiting := w.later[ev.Name]; waiting {
		return
	}
	if c := w.candidates[ev.Name]; c != nil {
		c.known, c.since = false, w.now()
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		return // gone from here (a rename's new name comes as a Create)
	}
	w.candidates[ev.Name] = &candidate{since: w.now()}
}

// looksInto reports whether a sub-folder is watched: not Sent/ and Failed/
// of the watched folder, not a hidden folder.
func (w *Watch) looksInto(dir string) bool {
	rel := w.rel(dir)
	if rel == SentFolder || rel == FailedFolder {
		return false
	}
	return filepath.Base(dir)[0] != '.'
}

package watch

import (
	"fmt"
	"os"
	"sort"

	"exchange/uploader"
)

// checkCandidates takes every candidate that has been complete for the
// settle time: size and modification time unchanged, and no writer holding
// it (Windows).
func (w *Watch) checkCandidates() {
	w.mu.Lock()
	for path, at := range w.later {
		if !w.now().Before(at) {
			delete(w.later, path)
			w.candidates[path] = &candidate{since: w.now()}
		}
	}
	if w.paused || len(w.candidates) == 0 {
		w.mu.Unlock()
		return
	}
	paths := make([]string, 0, len(w.candidates))
	for p := range w.candidates {
		paths = append(paths, p)
	}
	w.mu.Unlock()
	sort.Strings(paths) // files of a burst go in name order

	now := w.now()
	var ready []uploader.WatchFile
	for _, path := range paths {
		info, err := os.Lstat(path)
		w.mu.Lock()
		c := w.candidates[path]
		switch {
		case c == nil:
		case err != nil || !info.Mode().IsRegular():
			delete(w.candidates, path) // gone (renamed, moved away) or not a file
		case !c.known || info.Size() != c.size || !info.ModTime().Equal(c.mtime):
			c.size, c.mtime, c.known, c.since = info.Size(), info.ModTime(), true, now
		case now.Sub(c.since) < w.opts.Settle:
		case sameAsHandled(w.handled, path, c):
			delete(w.candidates, path) // touched, not changed
		default:
			ready = append(ready, uploader.WatchFile{Watch: w.key, Path: path, Size: c.size, ModTime: c.mtime,
				State: uploader.WatchTaken, Updated: now})
		}
		w.mu.Unlock()
	}
	// The sharing check opens the file: done outside the lock.
	kept := ready[:0]
	for _, f := range ready {
		if writerHoldsIt(f.Path) {
			w.mu.Lock()
			if c := w.candidates[f.Path]; c != nil {
				c.since = now
			}
			w.mu.Unlock()
			continue
		}
		kept = append(kept, f)
	}
	if len(kept) > 0 {
		w.take(kept)
	}
}

func sameAsHandled(handled map[string]uploader.WatchFile, path string, c *candidate) bool {
	h, ok := handled[path]
	return ok && sameFile(h, c.size, c.mtime)
}

// take records files as taken (on disk), then hands them to the service.
func (w *Watch) take(files []uploader.WatchFile) {
	if err := w.store.PutWatchFiles(files...); err != nil {
		w.problem(w.opts.Dir, fmt.Errorf("cannot record the files to send in the journal: %w", err))
		w.backToCandidates(files)
		return
	}
	w.mu.Lock()
	paths := make([]string, len(files))
	for i, f := range files {
		delete(w.candidates, f.Path)
		delete(w.handled, f.Path)
		w.inflight[f.Path] = f
		paths[i] = f.Path
	}
	w.mu.Unlock()
	for _, f := range files {
		w.send(Event{Kind: EventTaken, Path: f.Path})
	}
	if _, err := w.queue.AddFor(w.opts.Profile.Name, paths...); err != nil {
		// The journal holds them as taken: the next start hands them over
		// again; until then they are tried again after the settle time.
		w.problem(w.opts.Dir, fmt.Errorf("cannot queue %d file(s): %w", len(files), err))
		w.mu.Lock()
		for _, f := range files {
			delete(w.inflight, f.Path)
		}
		w.mu.Unlock()
		w.backToCandidates(files)
	}
}

func (w *Watch) backToCandidates(files []uploader.WatchFile) {
	w.mu.Lock()
	defer w.mu.Unlock()
	now := w.now()
	for _, f := range files {
		w.candidates[f.Path] = &candidate{size: f.Size, mtime: f.ModTime, known: true, since: now}
	}
}

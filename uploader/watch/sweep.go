package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"exchange/uploader"
)

// readFolder lists a folder.
func readFolder(dir string) ([]os.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read the folder: %w", err)
	}
	return entries, nil
}

// sweep reads the whole folder: every file not yet known becomes a
// candidate, and files the journal remembers as handled but that are gone
// are forgotten.
func (w *Watch) sweep() {
	seen := map[string]bool{}
	err := w.sweepFolder(w.opts.Dir, seen)
	if err != nil {
		if msg := err.Error(); msg != w.sweepErr {
			w.sweepErr = msg
			w.problem(w.opts.Dir, fmt.Errorf("%s: %w", w.opts.Dir, err))
		}
		return
	}
	w.sweepErr = ""
	var gone []string
	w.mu.Lock()
	for path := range w.handled {
		if !seen[path] {
			gone = append(gone, path)
			delete(w.handled, path)
		}
	}
	w.mu.Unlock()
	for _, path := range gone {
		if err := w.store.DeleteWatchFile(w.key, path); err != nil {
			w.problem(path, err)
		}
	}
}

func (w *Watch) sweepFolder(dir string, seen map[string]bool) error {
	entries, err := readFolder(dir)
	if err != nil {
		return err
	}
	now := w.now()
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if e.IsDir() {
			if w.opts.Recursive && w.looksInto(path) {
				if err := w.sweepFolder(path, seen); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return err
				}
			}
			continue
		}
		if !e.Type().IsRegular() || !w.filter.takes(w.rel(path)) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // gone meanwhile
		}
		seen[path] = true
		w.considerLocked(path, info.Size(), info.ModTime(), now)
	}
	return nil
}

// considerLocked makes a file found by the sweep a candidate unless it is
// known already. It takes w.mu.
func (w *Watch) considerLocked(path string, size int64, mtime time.Time, now time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, busy := w.inflight[path]; busy {
		return
	}
	if h, ok := w.handled[path]; ok && sameFile(h, size, mtime) {
		return
	}
	if _, waiting := w.later[path]; waiting || w.candidates[path] != nil {
		return
	}
	w.candidates[path] = &candidate{size: size, mtime: mtime, known: true, since: now}
}

func sameFile(f uploader.WatchFile, size int64, mtime time.Time) bool {
	return f.Size == size && f.ModTime.Equal(mtime)
}

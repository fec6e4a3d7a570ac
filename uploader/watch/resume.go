package watch

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sort"

	"exchange/uploader"
)

// resume reads what the journal holds of this watch: files handled and
// kept, and files taken by an earlier run (stopped, or killed) that are not
// yet handled. A taken file still in the folder is handed to the service
// again (an interrupted upload resumes), unless the history shows it was
// sent after it was taken: the run ended between the send and the
// after-policy, which is now applied. A taken file that left the folder is
// forgotten.
func (w *Watch) resume() error {
	files, err := w.store.WatchFiles(w.key)
	if err != nil {
		return fmt.Errorf("watch %s: %w", w.opts.Dir, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	var again []uploader.WatchFile
	for _, f := range files {
		if f.State == uploader.WatchHandled {
			w.handled[f.Path] = f
			continue
		}
		info, err := os.Lstat(f.Path)
		if err != nil || !info.Mode().IsRegular() {
			if err := w.store.DeleteWatchFile(w.key, f.Path); err != nil {
				return fmt.Errorf("watch %s: %w", w.opts.Dir, err)
			}
			continue
		}
		if sent, ok := w.sentSince(f); ok {
			w.handle(f, uploader.Event{Kind: uploader.EventDone, Path: f.Path, Profile: w.opts.Profile.Name,
				RemotePath: sent.RemotePath, Note: "sent before Exchange stopped"})
			continue
		}
		f.Size, f.ModTime, f.Updated = info.Size(), info.ModTime(), w.now()
		again = append(again, f)
	}
	if len(again) > 0 {
		w.take(again)
	}
	return nil
}

// sentSince reports whether the history has the file's present content sent
// from its path to the watch's profile after the watch took it.
func (w *Watch) sentSince(f uploader.WatchFile) (uploader.HistoryEntry, bool) {
	sum, err := fileSHA256(f.Path)
	if err != nil {
		return uploader.HistoryEntry{}, false
	}
	h, ok, err := w.store.LastSent(w.opts.Profile.Name, sum)
	if err != nil || !ok || h.Path != f.Path || h.Finished.Before(f.Updated) {
		return uploader.HistoryEntry{}, false
	}
	return h, true
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"exchange/profile"
	"exchange/uploader"
)

// errorSuffix ends the file that says why a file in Failed/ was not sent.
const errorSuffix = ".error.txt"

// onServiceEvent handles the end of a file this watch handed to the
// service. It runs on the service's subscriber goroutine, one event at a time.
func (w *Watch) onServiceEvent(ev uploader.Event) {
	if ev.Profile != w.opts.Profile.Name || !ending(ev.Kind) {
		return
	}
	w.mu.Lock()
	rec, ok := w.inflight[ev.Path]
	if ok {
		delete(w.inflight, ev.Path)
	}
	w.mu.Unlock()
	if ok {
		w.handle(rec, ev)
	}
}

func ending(k uploader.EventKind) bool {
	switch k {
	case uploader.EventDone, uploader.EventSkipped, uploader.EventFailed, uploader.EventInvalid,
		uploader.EventCanceled, uploader.EventRemoved:
		return true
	}
	return false
}

// handle applies the after-policy to a file the service is done with.
func (w *Watch) handle(rec uploader.WatchFile, ev uploader.Event) {
	switch ev.Kind {
	case uploader.EventDone:
		out := Event{Kind: EventSent, Path: rec.Path, RemotePath: ev.RemotePath, Note: ev.Note}
		var err error
		switch w.opts.After {
		case AfterMove:
			out.MovedTo, err = w.moveInto(SentFolder, rec.Path)
		case AfterDelete:
			if err = os.Remove(rec.Path); err == nil || errors.Is(err, fs.ErrNotExist) {
				out.Deleted, err = true, nil
			}
		}
		w.settle(rec, out, err)
	case uploader.EventFailed:
		if ev.ErrClass != "" && ev.ErrClass != "permanent" {
			w.retryLater(rec, ev)
			return
		}
		fallthrough
	case uploader.EventInvalid:
		out := Event{Kind: EventFailed, Path: rec.Path, Reason: failureReason(ev)}
		var err error
		if w.opts.After != AfterKeep {
			out.MovedTo, err = w.moveInto(FailedFolder, rec.Path)
			if err == nil {
				err = writeErrorFile(out.MovedTo+errorSuffix, errorFileText(ev, w.opts.Profile.Name, w.now()))
			}
		}
		w.settle(rec, out, err)
	default: // skipped, or canceled or removed in the window: left where it is
		out := Event{Kind: EventSkipped, Path: rec.Path, Reason: skipReason(ev, w.opts.Profile)}
		w.settle(rec, out, nil)
	}
}

// settle records the file's end in the journal (forgotten when it left the
// folder, handled when it stayed) and reports it.
func (w *Watch) settle(rec uploader.WatchFile, out Event, moveErr error) {
	left := out.MovedTo != "" || out.Deleted
	var err error
	if left {
		err = w.store.DeleteWatchFile(w.key, rec.Path)
		if out.MovedTo != "" {
			err = errors.Join(err, w.store.NoteMoved(w.opts.Profile.Name, rec.Path, out.MovedTo))
		}
	} else {
		rec.State, rec.Updated = uploader.WatchHandled, w.now()
		err = w.store.NoteWatchFiles(rec)
		w.mu.Lock()
		w.handled[rec.Path] = rec
		w.mu.Unlock()
	}
	w.send(out)
	if moveErr != nil {
		w.problem(rec.Path, fmt.Errorf("%s stays in the watched folder: %w", filepath.Base(rec.Path), moveErr))
	}
	if err != nil {
		w.problem(rec.Path, fmt.Errorf("cannot record in the journal that %s was handled: %w", filepath.Base(rec.Path), err))
	}
}

// retryLater keeps a file that could not be sent for a reason that may
// pass (the server down, the network, a login or certificate problem that
// someone may fix): it stays in the folder, recorded as taken, and is handed
// over again after RetryAfter, and at the next start.
func (w *Watch) retryLater(rec uploader.WatchFile, ev uploader.Event) {
	w.mu.Lock()
	w.later[rec.Path] = w.now().Add(w.opts.RetryAfter)
	w.mu.Unlock()
	w.send(Event{Kind: EventWaiting, Path: rec.Path,
		Reason: fmt.Sprintf("%s; it stays in the folder and is tried again in %s", failureReason(ev), w.opts.RetryAfter)})
}

// skipReason says why a file was not sent on purpose; a duplicate that
// would have been asked about in the window says that a watch does not ask.
func skipReason(ev uploader.Event, p profile.Profile) string {
	switch ev.Kind {
	case uploader.EventCanceled:
		return "canceled in the window; it stays in the folder"
	case uploader.EventRemoved:
		return "removed from the list in the window; it stays in the folder"
	}
	reason := firstNonEmpty(ev.Note, "not sent")
	if p.Duplicates == profile.DuplicateAsk || p.Duplicates == "" {
		reason += " (a watch folder does not ask: drop it on the window to send it again)"
	}
	return reason
}

// moveInto moves path to the same place under folder (Sent or Failed) of
// the watched folder, keeping both when the name is taken there. It returns
// the new path.
func (w *Watch) moveInto(folder, path string) (string, error) {
	dest := filepath.Join(w.opts.Dir, folder, filepath.FromSlash(w.rel(path)))
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return "", fmt.Errorf("cannot create %s: %w", filepath.Dir(dest), err)
	}
	dir, name := filepath.Split(dest)
	for n := 1; ; n++ {
		candidate := filepath.Join(dir, uploader.KeepBothName(name, n))
		_, err := os.Lstat(candidate)
		if errors.Is(err, fs.ErrNotExist) {
			_, errTxt := os.Lstat(candidate + errorSuffix)
			if !errors.Is(errTxt, fs.ErrNotExist) {
				continue // an older failure's explanation is there
			}
			if err := os.Rename(path, candidate); err != nil {
				return "", fmt.Errorf("cannot move it to %s: %w", dir, err)
			}
			return candidate, nil
		}
		if err != nil {
			return "", fmt.Errorf("cannot move it to %s: %w", dir, err)
		}
	}
}

func writeErrorFile(path, text string) error {
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return fmt.Errorf("cannot write why it failed to %s: %w", path, err)
	}
	return nil
}

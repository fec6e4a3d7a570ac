package uploader

import (
	"errors"
	"testing"
	"time"
)

// Every method of a closed journal answers at once with ErrJournalClosed:
// none blocks (the window once hung on History after Close) or panics.
func TestJournalRefusesEveryCallAfterClose(t *testing.T) {
	j, err := OpenJournal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	f := WatchFile{Watch: "w", Path: "/x/a.al3", Size: 1, ModTime: time.Now(), State: "taken", Updated: time.Now()}
	calls := map[string]func() error{
		"History": func() error { _, err := j.History(HistoryQuery{}); return err },
		"LastSent": func() error {
			_, found, err := j.LastSent("p", "abc")
			if found {
				t.Error("LastSent found an entry in a closed journal")
			}
			return err
		},
		"WatchFiles":      func() error { _, err := j.WatchFiles("w"); return err },
		"PutWatchFiles":   func() error { return j.PutWatchFiles(f) },
		"NoteWatchFiles":  func() error { return j.NoteWatchFiles(f) },
		"DeleteWatchFile": func() error { return j.DeleteWatchFile("w", "/x/a.al3") },
		"putItems":        func() error { return j.putItems(onDisk, journalItem{ID: "a"}) },
		"putItems soon":   func() error { return j.putItems(soon, journalItem{ID: "a"}) },
		"putItemsAsync":   func() error { return <-j.putItemsAsync(journalItem{ID: "a"}) },
		"finish":          func() error { return j.finish(whenConvenient, "a", nil) },
		"unfinished":      func() error { _, err := j.unfinished(); return err },
		"flush":           func() error { return j.flush() },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			err := callWithin(t, name, call)
			if !errors.Is(err, ErrJournalClosed) {
				t.Errorf("%s after Close = %v, want ErrJournalClosed", name, err)
			}
		})
	}
	t.Run("Close again", func(t *testing.T) {
		if err := callWithin(t, "Close", j.Close); err != nil {
			t.Errorf("a second Close = %v, want nil", err)
		}
	})
	t.Run("Err and Notice", func(t *testing.T) {
		// Err is the first failed write: closing is not one.
		if err := callWithin(t, "Err", j.Err); err != nil {
			t.Errorf("Err after a clean Close = %v, want nil", err)
		}
		_ = callWithin(t, "Notice", func() error { j.Notice(); return nil })
	})
}

// callWithin runs call and fails the test if it blocks (a generous bound:
// a closed journal answers at once) or panics.
func callWithin(t *testing.T, name string, call func() error) error {
	t.Helper()
	type result struct {
		err   error
		panic any
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{panic: p}
			}
		}()
		done <- result{err: call()}
	}()
	select {
	case r := <-done:
		if r.panic != nil {
			t.Fatalf("%s after Close panicked: %v", name, r.panic)
		}
		return r.err
	case <-time.After(30 * time.Second):
		t.Fatalf("%s after Close still blocked after 30 s", name)
		return nil
	}
}

// Close while other goroutines write: each write is either saved or refused
// with ErrJournalClosed, none panics on the closed queue.
func TestJournalCloseWhileWriting(t *testing.T) {
	j, err := OpenJournal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			defer func() {
				if p := recover(); p != nil {
					errs <- errors.New("panic")
				}
			}()
			var err error
			for k := 0; k < 50 && err == nil; k++ {
				err = j.putItems(soon, journalItem{ID: ItemID(string(rune('a' + i)))})
			}
			errs <- err
		}()
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	for range 8 {
		if err := <-errs; err != nil && !errors.Is(err, ErrJournalClosed) {
			t.Errorf("a write racing Close = %v, want nil or ErrJournalClosed", err)
		}
	}
}

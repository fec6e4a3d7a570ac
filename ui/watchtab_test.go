package ui

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"exchange/profile"
	"exchange/uploader/watch"
)

// fakeWatches records what the tab asks of the watches.
type fakeWatches struct {
	mu     sync.Mutex
	added  []watch.Definition
	paused bool
}

func (f *fakeWatches) States() []watch.WatchState {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []watch.WatchState
	for _, d := range f.added {
		out = append(out, watch.WatchState{Definition: d, Status: watch.Status{Running: true, Paused: f.paused}})
	}
	return out
}

func (f *fakeWatches) Add(d watch.Definition) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.added = append(f.added, d)
	return nil
}

func (f *fakeWatches) Remove(string) error { return nil }
func (f *fakeWatches) PauseAll()           { f.mu.Lock(); f.paused = true; f.mu.Unlock() }
func (f *fakeWatches) ResumeAll()          { f.mu.Lock(); f.paused = false; f.mu.Unlock() }
func (f *fakeWatches) Paused() bool        { f.mu.Lock(); defer f.mu.Unlock(); return f.paused }
func (f *fakeWatches) Watching() int       { return len(f.States()) }

// The tab adds the watch its form describes; a watched file that fails is
// one notification naming it and saying why, a sent one is none (the batch's
// summary says it).
func TestWatchTabAddsAndNotifiesFailures(t *testing.T) {
	h := newHarness(t)
	fake := &fakeWatches{}
	var mu sync.Mutex
	var notes []string
	t.Cleanup(h.win.StopWatchFolders)
	onUIWait(func() {
		h.win.AddWatchFolders(fake)
		h.win.watches.notify = func(title, content string) {
			mu.Lock()
			notes = append(notes, title+": "+content)
			mu.Unlock()
		}
		h.win.watches.setFolder(t.TempDir())
		h.win.watches.profile.SetSelected(profile.BuiltInName)
		h.win.watches.after.SetSelectedIndex(1)
		tabs := findTabs(h.win.win.Content())
		tabs.SelectIndex(len(tabs.Items) - 1)
	})
	h.tapButton(h.win.watches.content, "Add watch")
	if len(fake.added) != 1 || fake.added[0].Profile != profile.BuiltInName || fake.added[0].After != watch.AfterKeep {
		t.Fatalf("added %+v", fake.added)
	}
	h.win.NotifyWatchEvent(watch.Event{Kind: watch.EventSent, Path: "/in/A.AL3"})
	h.win.NotifyWatchEvent(watch.Event{Kind: watch.EventFailed, Path: "/in/B.AL3", Reason: "Invalid: 1 error. The file is cut short."})
	mu.Lock()
	defer mu.Unlock()
	if len(notes) != 1 || !strings.Contains(notes[0], "B.AL3 was not sent") || !strings.Contains(notes[0], "cut short") {
		t.Errorf("notifications: %q", notes)
	}
	var text string
	onUIWait(func() { h.win.watches.refresh(); text = watchStateText(fake.States()[0]) })
	if !strings.Contains(text, "Watching") || !strings.Contains(text, "after: keep") {
		t.Errorf("state line %q", text)
	}
}

// The tray says how many folders are watched and pauses and resumes them all.
func TestWatchTrayCountsAndPausesAll(t *testing.T) {
	h := newHarness(t)
	ta := h.withTray(nil)
	fake := &fakeWatches{added: []watch.Definition{{Dir: "/a", Profile: "p"}, {Dir: "/b", Profile: "p"}}}
	t.Cleanup(h.win.StopWatchFolders)
	onUIWait(func() { h.win.AddWatchFolders(fake) })
	labels := func() []string {
		ta.mu.Lock()
		defer ta.mu.Unlock()
		var out []string
		for _, it := range ta.menu.Items {
			out = append(out, it.Label)
		}
		return out
	}
	has := func(want string) bool {
		for _, l := range labels() {
			if l == want {
				return true
			}
		}
		return false
	}
	if !has("Watching 2 folders") || !has("Pause all watches") {
		t.Fatalf("tray menu: %q", labels())
	}
	h.win.watches.pause.Action() // as the tray calls it: not under the window's UI lock
	h.waitUI("the tray says paused", func() bool { return has("Watches paused (2)") && has("Resume all watches") })
	if !fake.Paused() {
		t.Error("Pause all watches did not pause them")
	}
	h.win.watches.pause.Action() // as the tray calls it: not under the window's UI lock
	h.waitUI("the tray says watching", func() bool { return has("Watching 2 folders") })
	if fake.Paused() {
		t.Error("Resume all watches did not resume them")
	}
}

// An idle window redraws nothing: the tab's refresh, which runs every second,
// redraws the list only when a watch's state changed (issue 21: an idle
// window used 1.3% of a core).
func TestWatchTabRedrawsOnlyWhenAStateChanged(t *testing.T) {
	h := newHarness(t)
	fake := &fakeWatches{added: []watch.Definition{{Dir: "/a", Profile: "p"}}}
	t.Cleanup(h.win.StopWatchFolders)
	onUIWait(func() { h.win.AddWatchFolders(fake) })
	h.win.StopWatchFolders() // the refreshes below are the test's own
	var redrawn []bool
	onUIWait(func() { redrawn = append(redrawn, h.win.watches.refresh(), h.win.watches.refresh()) })
	fake.PauseAll()
	onUIWait(func() { redrawn = append(redrawn, h.win.watches.refresh(), h.win.watches.refresh()) })
	if want := []bool{false, false, true, false}; !slices.Equal(redrawn, want) {
		t.Errorf("redrawn %v, want %v (idle refreshes must not redraw; a paused watch must)", redrawn, want)
	}
}

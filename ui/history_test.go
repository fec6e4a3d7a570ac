package ui

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/uploader"
)

// openHistory selects the History tab of the window, as a click does.
func (h *harness) openHistory() {
	h.t.Helper()
	onUIWait(func() {
		tabs := uitest.FindAll[*container.AppTabs](h.win.win.Content(), nil)
		if len(tabs) != 1 {
			h.t.Fatalf("%d tab containers in the window", len(tabs))
		}
		for _, it := range tabs[0].Items {
			if it.Text == "History" {
				tabs[0].Select(it)
				return
			}
		}
		h.t.Fatal("no History tab")
	})
}

// historyShown is the list's entries, taken on the UI goroutine.
func (h *harness) historyShown() []uploader.HistoryEntry {
	var out []uploader.HistoryEntry
	onUIWait(func() {
		v := h.win.history
		v.mu.Lock()
		out = slices.Clone(v.entries)
		v.mu.Unlock()
	})
	return out
}

// sendTwo sends a valid file and refuses an invalid one: two history entries.
func (h *harness) sendTwo() (good, bad string) {
	h.t.Helper()
	good = writeFile(h.t, "policy.al3", validAL3(h.t))
	bad = writeFile(h.t, "broken.al3", brokenAL3(h.t))
	h.win.AddPaths([]string{good, bad})
	h.waitFor("the valid file to be sent", func() bool { return h.rowState("policy.al3") == uploader.EventDone })
	h.waitFor("the invalid file to be refused", func() bool { return h.rowState("broken.al3") == uploader.EventInvalid })
	return good, bad
}

func TestHistorySearchAndFilterNarrowTheList(t *testing.T) {
	h := newHarness(t)
	good, bad := h.sendTwo()
	h.openHistory()
	h.waitFor("both files in the history", func() bool { return len(h.historyShown()) == 2 })
	all := h.historyShown()
	paths := func(es []uploader.HistoryEntry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Path)
		}
		return out
	}
	if !slices.Contains(paths(all), good) || !slices.Contains(paths(all), bad) {
		t.Fatalf("history = %v, want %s and %s", paths(all), good, bad)
	}
	h.waitUI("the list to draw both entries", func() bool {
		text := uitest.TextOf(h.win.history.list)
		return strings.Contains(text, filepath.Base(good)+" — sent") && strings.Contains(text, filepath.Base(bad)+" — invalid") &&
			strings.Contains(text, "from "+filepath.Dir(good))
	})

	// Typing in the search box narrows the list to the matching file.
	onUIWait(func() { test.Type(h.win.history.search, "policy") })
	shown := h.historyShown()
	if len(shown) != 1 || shown[0].Path != good || shown[0].Outcome != uploader.OutcomeSent {
		t.Errorf("search %q shows %v, want only %s, sent", "policy", paths(shown), good)
	}
	onUIWait(func() {
		if text := uitest.TextOf(h.win.history.list); strings.Contains(text, filepath.Base(bad)) {
			t.Errorf("the list still draws %s after the search:\n%s", bad, text)
		}
	})

	// A search that matches nothing empties the list; clearing it brings all back.
	onUIWait(func() { h.win.history.search.SetText("no-such-file") })
	if n := len(h.historyShown()); n != 0 {
		t.Errorf("a search that matches nothing shows %d entries", n)
	}
	onUIWait(func() { h.win.history.search.SetText("") })
	if n := len(h.historyShown()); n != len(all) {
		t.Errorf("an empty search shows %d entries, want %d", n, len(all))
	}

	// The outcome filter keeps the entries of that outcome only.
	for filter, want := range map[string]string{"Invalid": bad, "Sent": good} {
		onUIWait(func() { h.win.history.filter.SetSelected(filter) })
		shown := h.historyShown()
		if len(shown) != 1 || shown[0].Path != want || !outcomeMatches(shown[0].Outcome, filter) {
			t.Errorf("filter %s shows %v, want only %s", filter, paths(shown), want)
		}
	}
	for _, filter := range []string{"Failed", "Skipped"} {
		onUIWait(func() { h.win.history.filter.SetSelected(filter) })
		if n := len(h.historyShown()); n != 0 {
			t.Errorf("filter %s shows %d entries, none failed or was skipped", filter, n)
		}
	}
	// Filter and search together.
	onUIWait(func() {
		h.win.history.filter.SetSelected("Invalid")
		h.win.history.search.SetText("policy")
	})
	if n := len(h.historyShown()); n != 0 {
		t.Errorf("invalid files named policy: %d, want none", n)
	}
}

// TestHistorySendAgainQueuesTheFile taps "Send again" on a sent file.
func TestHistorySendAgainQueuesTheFile(t *testing.T) {
	h := newHarness(t)
	good, _ := h.sendTwo()
	h.openHistory()
	var again *widget.Button
	h.waitUI("the sent file's row", func() bool {
		rows := uitest.FindAll(h.win.history.list, func(c *fyne.Container) bool {
			return len(c.Objects) == 2 && strings.HasPrefix(uitest.TextOf(c), filepath.Base(good)+" — ") &&
				strings.Contains(uitest.TextOf(c), filepath.Dir(good)) && buttonLabelled(c, "Send again") != nil
		})
		if len(rows) != 1 {
			return false
		}
		again = buttonLabelled(rows[0], "Send again")
		return true
	})
	before := len(h.items(good))
	onUIWait(func() { test.Tap(again) })
	h.waitFor("the file to be queued again", func() bool { return len(h.items(good)) == before+1 })
	h.waitFor("the window to list it again", func() bool {
		n := 0
		for i := 0; i < h.win.model.Len(); i++ {
			if r, _ := h.win.model.At(i); r.Path == good {
				n++
			}
		}
		return n == before+1
	})
}

// TestHistoryReportsAJournalError: the error goes to the log, the list stays.
func TestHistoryReportsAJournalError(t *testing.T) {
	h := newHarness(t)
	h.sendTwo()
	h.openHistory()
	h.waitFor("the history", func() bool { return len(h.historyShown()) == 2 })
	broken := errors.New("journal unreadable")
	onUIWait(func() {
		h.win.deps.History = func(uploader.HistoryQuery) ([]uploader.HistoryEntry, error) { return nil, broken }
		h.win.history.reload()
	})
	if n := len(h.historyShown()); n != 2 {
		t.Errorf("after an error the list has %d entries, want the 2 it had", n)
	}
	if log := h.win.deps.Log.Text(); !strings.Contains(log, "history: "+broken.Error()) {
		t.Errorf("the log does not say what went wrong:\n%s", log)
	}
}

// TestHistoryRefreshesWhileOpen: a file that ends while History shows
// appears without a click on refresh, titled by its name.
func TestHistoryRefreshesWhileOpen(t *testing.T) {
	h := newHarness(t)
	h.openHistory()
	path := writeFile(t, "later.al3", validAL3(t))
	h.win.AddPaths([]string{path})
	h.waitUI("the file to appear in the open History", func() bool {
		return len(uitest.FindAll(h.win.history.list, func(l *widget.Label) bool { return l.Text == "later.al3 — sent" })) == 1
	})
}

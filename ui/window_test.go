package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"

	"exchange/internal/uitest"
	"exchange/transport"
	"exchange/uploader"
	"exchange/validate/al3/al3gen"
)

func TestDropSendsValidFilesAndNeverInvalidOnes(t *testing.T) {
	h := newHarness(t)
	good := writeFile(t, "policy.al3", validAL3(t))
	bad := writeFile(t, "broken.al3", brokenAL3(t))
	onUIWait(func() { h.win.HandleDrop([]fyne.URI{storage.NewFileURI(good), storage.NewFileURI(bad)}) })
	h.waitFor("the valid file to be sent", func() bool { return h.rowState("policy.al3") == uploader.EventDone })
	h.waitFor("the invalid file to be refused", func() bool { return h.rowState("broken.al3") == uploader.EventInvalid })
	if got, err := os.ReadFile(filepath.Join(h.inbox, "policy.al3")); err != nil || string(got) != string(validAL3(t)) {
		t.Errorf("the valid file did not arrive intact: %v", err)
	}
	if _, err := os.Stat(filepath.Join(h.inbox, "broken.al3")); !os.IsNotExist(err) {
		t.Error("the invalid file reached the server")
	}
	for i := 0; i < h.win.model.Len(); i++ {
		r, _ := h.win.model.At(i)
		if r.Name == "broken.al3" {
			if !strings.HasPrefix(r.VerdictText(), "Invalid") || r.DetailText() == "" {
				t.Errorf("invalid row says %q / %q", r.VerdictText(), r.DetailText())
			}
			if text := findingsReport(r.Report); !strings.Contains(text, "NOT sent") {
				t.Errorf("the findings of the invalid file say:\n%s", text)
			}
		}
	}
}

func TestToggleChangesTheModeOfTheNextConnection(t *testing.T) {
	h := newHarness(t)
	if h.win.mode.Selected != "Passive" {
		t.Fatalf("mode on start = %q, want Passive", h.win.mode.Selected)
	}
	first := writeFile(t, "one.al3", validAL3(t))
	h.win.AddPaths([]string{first})
	h.waitFor("the first file", func() bool { return h.rowState("one.al3") == uploader.EventDone })
	onUIWait(func() { h.win.mode.SetSelected("Active") })
	// Other content than the first file (the same would be skipped as already sent).
	second := writeFile(t, "two.al3", al3gen.Valid(al3gen.Layout{Separator: ""}))
	h.win.AddPaths([]string{second})
	h.waitFor("the second file", func() bool { return h.rowState("two.al3") == uploader.EventDone })
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.modes) < 2 || h.modes[0] != transport.Passive || h.modes[len(h.modes)-1] != transport.Active {
		t.Errorf("connection modes = %v, want passive first and active after the toggle", h.modes)
	}
}

// TestSwitchingTabsDropsTheFocus: a field typed in on one tab does not keep
// the focus once another tab shows (its blinking cursor would keep redrawing
// the window while files are sent).
func TestSwitchingTabsDropsTheFocus(t *testing.T) {
	h := newHarness(t)
	onUIWait(func() {
		tabs := uitest.FindAll(h.win.win.Content(), func(*container.AppTabs) bool { return true })
		if len(tabs) != 1 {
			t.Fatalf("%d tab containers in the window", len(tabs))
		}
		tabs[0].SelectIndex(1) // History
		h.win.win.Canvas().Focus(h.win.history.search)
		if h.win.win.Canvas().Focused() != h.win.history.search {
			t.Fatal("the history search field did not take the focus")
		}
		tabs[0].SelectIndex(0) // Queue
		if f := h.win.win.Canvas().Focused(); f != nil {
			t.Errorf("after going back to the queue, %T still has the focus", f)
		}
	})
}

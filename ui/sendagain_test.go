package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"exchange/internal/uitest"
	"exchange/uploader"
)

// historyRow waits for the history row of path and returns it.
func (h *harness) historyRow(path string) *fyne.Container {
	h.t.Helper()
	var row *fyne.Container
	h.waitUI("the history row of "+path, func() bool {
		rows := uitest.FindAll(h.win.history.list, func(c *fyne.Container) bool {
			text := uitest.TextOf(c)
			return len(c.Objects) == 2 && strings.HasPrefix(text, filepath.Base(path)+" — ") && strings.Contains(text, "from "+filepath.Dir(path))
		})
		if len(rows) == 0 {
			return false
		}
		row = rows[0]
		return true
	})
	return row
}

// TestHistoryOffersNoSendAgainForInvalidFiles: a file refused as invalid
// would be refused again; its row has no "Send again" (issue 14 item 9).
func TestHistoryOffersNoSendAgainForInvalidFiles(t *testing.T) {
	h := newHarness(t)
	good, bad := h.sendTwo()
	h.openHistory()
	sentRow, invalidRow := h.historyRow(good), h.historyRow(bad)
	var sentHas, invalidHas bool
	onUIWait(func() {
		sentHas = buttonLabelled(sentRow, "Send again") != nil
		invalidHas = buttonLabelled(invalidRow, "Send again") != nil
	})
	if !sentHas {
		t.Error("the sent file has no Send again")
	}
	if invalidHas {
		t.Error("the invalid file offers Send again")
	}
}

// TestHistorySendAgainGoesToTheOriginalServer: a file sent to the built-in
// server goes there again, though the toolbar now shows another server,
// which stays the one new files go to (issue 14 item 9).
func TestHistorySendAgainGoesToTheOriginalServer(t *testing.T) {
	h := newHarness(t, withKeychain())
	good, _ := h.sendTwo()
	original := h.items(good)[0].Profile
	agency := h.useAgency()
	h.openHistory()
	row := h.historyRow(good)
	before := len(h.items(good))
	onUIWait(func() { test.Tap(buttonLabelled(row, "Send again")) })
	h.waitFor("the file to be queued again", func() bool { return len(h.items(good)) == before+1 })
	its := h.items(good)
	if got := its[len(its)-1].Profile; got != original {
		t.Errorf("sent again to %q, want the original %q", got, original)
	}
	if got := h.win.CurrentProfile().Name; got != agency.Name {
		t.Errorf("after Send again the toolbar's server is %q, want %q", got, agency.Name)
	}
	var shown string
	onUIWait(func() { shown = h.win.profiles.Selected })
	if shown != agency.Name {
		t.Errorf("the toolbar shows %q, want %q", shown, agency.Name)
	}
}

// TestHistorySendAgainAsksWhenTheOriginalServerIsGone: the file's server
// was deleted since; the clerk is asked before it goes to the current one.
func TestHistorySendAgainAsksWhenTheOriginalServerIsGone(t *testing.T) {
	h := newHarness(t)
	good := writeFile(t, "policy.al3", validAL3(t))
	onUIWait(func() {
		h.win.sendAgain(uploader.HistoryEntry{Path: good, Profile: "Deleted agency", Outcome: uploader.OutcomeSent})
	})
	d := h.waitDialog("no longer among your servers")
	if n := len(h.items(good)); n != 0 {
		t.Fatalf("%d items queued before the answer", n)
	}
	h.tapButton(d, "Yes")
	h.waitFor("the file to be queued for the current server", func() bool { return len(h.items(good)) == 1 })
	if got, want := h.items(good)[0].Profile, h.win.CurrentProfile().Name; got != want {
		t.Errorf("queued for %q, want the current %q", got, want)
	}
}

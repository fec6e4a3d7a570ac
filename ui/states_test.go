package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/uploader"
)

// TestEmptyStateInvitesADrop: before any file the queue says what to drop
// and where it goes, with no bar at 0% and no Upload to press.
func TestEmptyStateInvitesADrop(t *testing.T) {
	h := newHarness(t)
	onUIWait(func() {
		if !h.win.empty.content.Visible() || h.win.empty.table.Visible() {
			t.Error("the empty queue shows its table, not the drop target")
		}
		text := uitest.TextOf(h.win.empty.content)
		for _, want := range []string{"Drop files here", ".al3", ".xlsx", "folder", "never sent", h.inbox} {
			if !strings.Contains(text, want) {
				t.Errorf("the empty state does not say %q:\n%s", want, text)
			}
		}
		if h.win.overall.Visible() {
			t.Error("an empty queue shows a progress bar")
		}
		if !h.win.uploadButton.Disabled() || h.win.uploadButton.Importance == widget.HighImportance {
			t.Error("Upload is offered with nothing to upload")
		}
		if h.win.overallLabel.Text != "No files yet" {
			t.Errorf("the overall line says %q", h.win.overallLabel.Text)
		}
	})
	h.win.AddPaths([]string{writeFile(t, "policy.al3", validAL3(t))})
	h.waitRow("policy.al3", uploader.EventDone, nil)
	h.waitUI("the table and a full bar", func() bool {
		return !h.win.empty.content.Visible() && h.win.empty.table.Visible() && h.win.overall.Visible() && h.win.overall.Value == 1 &&
			h.win.overallLabel.Text == "Sent to Local test server"
	})
}

// TestOverallLineSaysWhatHappens in words, for each moment of a batch.
func TestOverallLineSaysWhatHappens(t *testing.T) {
	for _, c := range []struct {
		t      totals
		server string
		paused bool
		want   string
	}{
		{totals{}, "Agency", false, "No files yet"},
		{totals{Files: 12, Sent: 2, Active: 1, Bytes: 5e6, Total: 21e6, Rate: 2e6}, "Agency", false, "Sending 3 of 12 to Agency · 2.0 MB/s · 8 s left"},
		{totals{Files: 12, Sent: 2, Failed: 1, Invalid: 1, Active: 2}, "", false, "Sending 5 of 11 · 1 failed · 1 invalid, not sent"},
		{totals{Files: 12, Sent: 4}, "Agency", true, "Paused: 4 of 12 sent to Agency"},
		{totals{Files: 3, Sent: 3}, "Agency", false, "All 3 sent to Agency"},
		{totals{Files: 3, Sent: 2, Failed: 1}, "Agency", false, "2 of 3 sent to Agency · 1 failed"},
		{totals{Files: 2, Invalid: 2}, "Agency", false, "Nothing to send · 2 invalid, not sent"},
		{totals{Files: 2, Sent: 1, Skipped: 1}, "Agency", false, "Sent to Agency · 1 skipped"},
	} {
		if got := overallText(c.t, c.server, c.paused); got != c.want {
			t.Errorf("%+v paused=%v: %q, want %q", c.t, c.paused, got, c.want)
		}
	}
}

// TestLayoutStaysPut: choosing a server with a long name, encryption and
// a pinned certificate, pausing and resuming move nothing; the window's
// content fits the default width; the tabs stay where they were.
func TestLayoutStaysPut(t *testing.T) {
	h := newHarness(t, withKeychain())
	type place struct{ tabsY, pauseX, cancelX, uploadX float32 }
	where := func() (p place) {
		onUIWait(func() {
			tabs := uitest.FindAll[*container.AppTabs](h.win.win.Content(), nil)[0]
			abs := func(o fyne.CanvasObject) fyne.Position {
				return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
			}
			p = place{abs(tabs).Y, abs(h.win.pauseButton).X, abs(h.win.cancelAll).X, abs(h.win.uploadButton).X}
			if w := h.win.win.Content().MinSize().Width; w > 1040 {
				t.Errorf("the window needs %v px, more than the default 1040", w)
			}
		})
		return p
	}
	onUIWait(func() { h.win.win.Resize(fyne.NewSize(1040, 640)) })
	before := where()
	p := agencyProfile("The agency's main server in the west office")
	p.TLS, p.PinnedSHA256 = "explicit", strings.Repeat("ab", 32)
	h.savePassword(p, "pw")
	onUIWait(func() {
		h.win.reloadProfiles()
		h.win.profiles.SetSelected(p.Name)
	})
	if h.win.CurrentProfile().Name != p.Name {
		t.Fatalf("the window sends to %q", h.win.CurrentProfile().Name)
	}
	if after := where(); after != before {
		t.Errorf("choosing another server moved the layout: %+v, before %+v", after, before)
	}
	onUIWait(h.win.togglePause)
	if after := where(); after != before {
		t.Errorf("Pause moved the layout: %+v, before %+v", after, before)
	}
	var banner string
	onUIWait(func() { banner = h.win.bannerText.Text; h.win.togglePause() })
	if !strings.Contains(banner, p.Name) || !strings.Contains(banner, p.Host) {
		t.Errorf("the banner does not say where files go: %q", banner)
	}
}

// TestTheTabShownLastOpensAgain: a window opened after Settings was shown
// opens on Settings.
func TestTheTabShownLastOpensAgain(t *testing.T) {
	h := newHarness(t)
	onUIWait(func() { uitest.FindAll[*container.AppTabs](h.win.win.Content(), nil)[0].SelectIndex(3) })
	var again *Window
	onUIWait(func() {
		again = NewWindow(h.win.app, Deps{Backend: h.svc, Profiles: h.store, Inbox: h.inbox})
	})
	t.Cleanup(again.Stop)
	onUIWait(func() {
		tabs := uitest.FindAll[*container.AppTabs](again.win.Content(), nil)[0]
		if tabs.Selected().Text != "Settings" || again.tab != "Settings" {
			t.Errorf("the new window opens on %q", tabs.Selected().Text)
		}
	})
}

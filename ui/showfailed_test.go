package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"exchange/internal/uitest"
	"exchange/uploader"
)

// notifyingApp records the notifications the window sends.
type notifyingApp struct {
	*trayApp
	sent []*fyne.Notification
}

func (a *notifyingApp) SendNotification(n *fyne.Notification) {
	a.mu.Lock()
	a.sent = append(a.sent, n)
	a.mu.Unlock()
}

// A batch with a failure ends with a notification that names the file,
// its server and what to do; Fyne cannot tell when a notification is
// clicked, so the tray's "Show failed" opens the window at that row: the
// queue tab, the row selected and drawn, even when the filter hid it.
func TestAFailureIsNotifiedAndShowFailedOpensItsRow(t *testing.T) {
	h := newHarness(t)
	ta := h.withTray(nil)
	na := &notifyingApp{trayApp: ta}
	h.win.app = na
	for i := range 40 {
		id := uploader.ItemID(fmt.Sprint(i))
		h.win.onEvent(uploader.Event{Kind: uploader.EventQueued, Item: id, Path: fmt.Sprintf("/agency/DL%02d.AL3", i), Profile: "Agency"})
		switch i {
		case 3:
			h.win.onEvent(uploader.Event{Kind: uploader.EventFailed, Item: id, Err: "553 not allowed", Hint: "Ask the administrator for write access to /in."})
		default:
			h.win.onEvent(uploader.Event{Kind: uploader.EventDone, Item: id, RemotePath: "/in/x"})
		}
	}
	var disabled bool
	h.waitUI("the tray's Show failed to be offered", func() bool {
		disabled = h.win.tray.failed.Disabled
		return !disabled
	})
	h.win.onEvent(uploader.Event{Kind: uploader.EventBatchDone, Sent: 39, Failed: 1})
	na.mu.Lock()
	sent := append([]*fyne.Notification(nil), na.sent...)
	na.mu.Unlock()
	if len(sent) != 1 {
		t.Fatalf("notifications %v, want one", sent)
	}
	text := sent[0].Title + "\n" + sent[0].Content
	for _, want := range []string{"DL03.AL3", "Agency", "Ask the administrator for write access to /in.", "Show failed"} {
		if !strings.Contains(text, want) {
			t.Errorf("the notification lacks %q:\n%s", want, text)
		}
	}

	onUIWait(func() {
		h.win.tabs.SelectIndex(3)               // the clerk is on Settings,
		h.win.header.filter.SetSelectedIndex(4) // the queue shows only what was sent,
		h.win.win.Hide()                        // and the window is in the tray
	})
	onUIWait(h.win.tray.failed.Action)
	onUIWait(func() {
		if got := h.win.tabs.SelectedIndex(); got != 0 {
			t.Errorf("Show failed left the window on tab %d, not the queue", got)
		}
		if h.win.list.selected != "3" {
			t.Errorf("the selected row is %q, want the failed file's", h.win.list.selected)
		}
		if h.win.list.order.filter != filterAll {
			t.Errorf("the filter %q still hides the failed file", h.win.list.order.filter)
		}
		drawn := false
		for _, v := range uitest.FindAll[*rowView](h.win.list, nil) {
			if v.Visible() && v.name.Text == "DL03.AL3" && v.background.Visible() {
				drawn = true
			}
		}
		if !drawn {
			t.Error("the failed file's row is not drawn selected")
		}
	})

	// Recent uploads: each opens the window at its own file.
	h.win.tray.setLastBatch()
	var recent *fyne.MenuItem
	h.waitUI("Recent uploads", func() bool {
		items := h.win.tray.menu.Items[2].ChildMenu.Items
		recent = items[len(items)-1]
		return recent.Action != nil && strings.HasPrefix(recent.Label, "DL30.AL3")
	})
	onUIWait(recent.Action)
	onUIWait(func() {
		if h.win.list.selected != "30" {
			t.Errorf("Recent uploads' %q selected %q", recent.Label, h.win.list.selected)
		}
	})
}

package ui

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/transport/bandwidth"
)

func TestSpeedLimitInTheTopBarChangesTheGlobalLimit(t *testing.T) {
	limits := bandwidth.New()
	var sel *widget.Select
	onUIWait(func() {
		bar := newSpeedLimit(limits, "", nil)
		sel = uitest.FindAll(bar, func(*widget.Select) bool { return true })[0]
		if sel.Selected != "No limit" || sel.Disabled() {
			t.Errorf("selected %q, disabled %v", sel.Selected, sel.Disabled())
		}
		sel.SetSelected("2 MB/s")
	})
	if got := limits.Global(); got != 2_000_000 {
		t.Fatalf("global limit %d after choosing 2 MB/s", got)
	}
	onUIWait(func() { sel.SetSelected("No limit") })
	if got := limits.Global(); got != 0 {
		t.Fatalf("global limit %d after choosing no limit", got)
	}
}

func TestSpeedLimitSetByTheAdministratorIsLocked(t *testing.T) {
	limits := bandwidth.New()
	limits.SetGlobal(4_000_000)
	onUIWait(func() {
		bar := newSpeedLimit(limits, "4MB/s", nil)
		sel := uitest.FindAll(bar, func(*widget.Select) bool { return true })[0]
		labels := uitest.FindAll(bar, func(*widget.Label) bool { return true })
		if sel.Selected != "4.0 MB/s" || !sel.Disabled() || len(labels) == 0 || labels[0].Text != "Speed (set by your administrator):" {
			t.Errorf("selected %q, disabled %v", sel.Selected, sel.Disabled())
		}
	})
}

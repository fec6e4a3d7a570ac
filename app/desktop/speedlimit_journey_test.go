package desktop

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/transport/bandwidth"
	"exchange/ui"
)

// speedSelect is the top bar's speed limit: the select that offers "No limit".
func (j *journey) speedSelect() *widget.Select {
	j.t.Helper()
	var sel *widget.Select
	ui.DoAndWait(func() {
		for _, s := range uitest.FindAll(j.win().Content(), func(s *widget.Select) bool { return len(s.Options) > 0 && s.Options[0] == "No limit" }) {
			sel = s
		}
	})
	if sel == nil {
		j.t.Fatal("no speed limit in the window")
	}
	return sel
}

// TestSpeedLimitKeptAcrossRestarts: a clerk who slows Exchange down so as
// not to choke the office's line (512 KB/s) finds it slowed down after a
// restart too, in the top bar and in what the uploads get; it used to come
// back as "No limit" (seen as a clerk after Ctrl+Q and a restart).
func TestSpeedLimitKeptAcrossRestarts(t *testing.T) {
	j := newJourney(t, nil)
	j.open()
	sel := j.speedSelect()
	want, err := bandwidth.ParseRate("512 KB/s")
	if err != nil {
		t.Fatal(err)
	}
	ui.DoAndWait(func() { sel.SetSelected("512 KB/s") })
	if got := j.d.Parts.Limits.Global(); got != want {
		t.Fatalf("the limit chosen is %d B/s, want %d", got, want)
	}
	j.restart()
	sel = j.speedSelect()
	var shown string
	ui.DoAndWait(func() { shown = sel.Selected })
	if shown != "512 KB/s" || j.d.Parts.Limits.Global() != want {
		t.Errorf("after a restart the top bar shows %q and uploads are limited to %d B/s, want 512 KB/s", shown, j.d.Parts.Limits.Global())
	}
	ui.DoAndWait(func() { sel.SetSelected("No limit") })
	j.restart()
	if got := j.d.Parts.Limits.Global(); got != 0 {
		t.Errorf("'No limit' chosen, then a restart: limited to %d B/s", got)
	}
}

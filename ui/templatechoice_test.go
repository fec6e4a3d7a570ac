package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestTemplateChooser: the Excel template field of Settings offers the
// templates the composition root names (app.TemplateNames: built-in and
// the administrator's), read when the menu opens, and picking one fills the field.
func TestTemplateChooser(t *testing.T) {
	h := newHarness(t)
	offered := []string{"nexsure-basic", "policy-header-example"}
	h.win.deps.TemplateNames = func() []string { return offered }
	offered = append(offered, "nexsure-client") // read again each time the menu opens
	s := h.settings()
	var menu *widget.PopUpMenu
	onUIWait(func() {
		chooser := s.templateChooser().(*fyne.Container)
		w := test.NewTempWindow(t, chooser)
		w.Resize(fyne.NewSize(400, 300))
		for _, o := range chooser.Objects {
			if b, ok := o.(*iconButton); ok {
				test.Tap(b)
			}
		}
		if top := w.Canvas().Overlays().Top(); top != nil {
			for _, o := range append([]fyne.CanvasObject{top}, test.LaidOutObjects(top)...) {
				if m, ok := o.(*widget.PopUpMenu); ok {
					menu = m
				}
			}
		}
	})
	if menu == nil {
		t.Fatal("no menu opened")
	}
	var names []string
	onUIWait(func() {
		for _, it := range menu.Items {
			for _, o := range test.LaidOutObjects(it) {
				if txt, ok := o.(*canvas.Text); ok && txt.Text != "" {
					names = append(names, txt.Text)
				}
			}
		}
	})
	want := []string{"(none)", "nexsure-basic", "policy-header-example", "nexsure-client"}
	if len(names) != len(want) {
		t.Fatalf("menu %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("menu %q, want %q", names, want)
		}
	}
	onUIWait(func() { test.Tap(menu.Items[1].(fyne.Tappable)) })
	var got string
	onUIWait(func() { got = s.template.Text })
	if got != "nexsure-basic" {
		t.Errorf("field = %q after picking nexsure-basic", got)
	}
}

// Package uitest walks what a Fyne window shows, for the tests of the window
// (ui) and of the assembled program (app/desktop): the visible objects, the
// widgets of one type, the text a clerk reads. Call its functions on the UI
// goroutine.
package uitest

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// VisibleObjects lists o and every visible object under it, widgets through
// their renderers (the ones drawn, not new ones).
func VisibleObjects(o fyne.CanvasObject) []fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	out := []fyne.CanvasObject{o}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		out = append(out, VisibleObjects(c)...)
	}
	return out
}

// FindAll returns the visible objects of type T under o that match (all of
// them when match is nil).
func FindAll[T fyne.CanvasObject](o fyne.CanvasObject, match func(T) bool) []T {
	var out []T
	for _, x := range VisibleObjects(o) {
		if t, ok := x.(T); ok && (match == nil || match(t)) {
			out = append(out, t)
		}
	}
	return out
}

// TextOf joins the text of every visible label under o.
func TextOf(o fyne.CanvasObject) string {
	var parts []string
	for _, l := range FindAll[*widget.Label](o, nil) {
		parts = append(parts, l.Text)
	}
	return strings.Join(parts, "\n")
}

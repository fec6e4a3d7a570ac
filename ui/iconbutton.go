package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// iconButton is a button that shows only an icon and tells what it does,
// in the clerk's language, to a screen reader: Fyne 2.8 gives Windows'
// and macOS's accessibility a button's text, or else its icon's file name
// ("delete.svg"), which says nothing to a clerk.
type iconButton struct {
	widget.Button
	label string
}

var _ fyne.Accessible = (*iconButton)(nil)

func newIconButton(label string, icon fyne.Resource, tapped func()) *iconButton {
	b := &iconButton{label: label}
	b.Icon, b.OnTapped = icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// AccessibilityLabel says what the button does.
func (b *iconButton) AccessibilityLabel() string { return b.label }

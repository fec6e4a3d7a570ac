package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/about"
	"exchange/internal/notices"
)

// The About dialog: what a support call starts with (version, commit, build
// date, Go version, OS/arch, the state and log folders) with Copy, and the
// licences. It is reached from the window's Help menu.

// addHelpMenu gives the window a Help menu with "About Exchange".
func (w *Window) addHelpMenu() {
	w.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu(lang.L("Help"),
		fyne.NewMenuItem(lang.L("About Exchange"), w.showAbout))))
}

func (w *Window) showAbout() {
	v := newAboutView(w.app, w.win, about.Facts())
	d := dialog.NewCustom(lang.L("About Exchange"), lang.L("Close"), v.content, w.win)
	d.Resize(fyne.NewSize(640, 0).Max(d.MinSize()))
	d.Show()
}

// aboutView is the About dialog's content.
type aboutView struct {
	content  fyne.CanvasObject
	copy     *widget.Button
	licences *widget.Button
}

func newAboutView(a fyne.App, parent fyne.Window, facts []about.Fact) *aboutView {
	form := container.New(layout.NewFormLayout())
	for _, f := range facts {
		value := widget.NewLabel(f.Value)
		value.Wrapping = fyne.TextWrapWord
		value.Selectable = true
		form.Add(widget.NewLabelWithStyle(f.Label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		form.Add(value)
	}
	v := &aboutView{}
	v.copy = widget.NewButtonWithIcon(lang.L("Copy"), theme.ContentCopyIcon(), func() {
		a.Clipboard().SetContent(about.Text(facts))
	})
	v.licences = widget.NewButtonWithIcon(lang.L("Licences…"), theme.DocumentIcon(), func() { showLicences(parent) })
	intro := widget.NewLabel(lang.L("Exchange: validate and send AL3 and Excel files. MIT licence.") + "\n" +
		lang.L("When you call support, press Copy and paste these lines into your message."))
	intro.Wrapping = fyne.TextWrapWord
	v.content = container.NewVBox(intro, form, container.NewHBox(v.copy, v.licences))
	return v
}

// showLicences shows Exchange's licence and the third-party notices built
// into this program.
func showLicences(parent fyne.Window) {
	list := licencesList()
	dialog.NewCustom(lang.L("Licences"), lang.L("Close"), container.NewGridWrap(fyne.NewSize(720, 480), list), parent).Show()
}

// licencesList shows the notices a line a row: a list draws only the rows
// in view, and the notices are some 4,000 lines.
func licencesList() *widget.List {
	text, ok := notices.Text()
	if !ok {
		text = notices.Missing
	}
	lines := strings.Split(text, "\n")
	return widget.NewList(
		func() int { return len(lines) },
		func() fyne.CanvasObject {
			return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) },
	)
}

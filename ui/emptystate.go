package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"exchange/profile"
)

// emptyState is what the queue shows before any file: a large target that
// invites a drop, the files Exchange takes, and where they will go. No
// progress bar and no Upload button: there is nothing to send yet.
type emptyState struct {
	content fyne.CanvasObject
	// table is the queue's table, hidden while the empty state shows.
	table fyne.CanvasObject
	frame *canvas.Rectangle
	dest  *widget.Label
}

// acceptedFiles says which files the window takes.
func acceptedFiles() string {
	return lang.L("AL3 downloads (.al3, .dat) and Excel workbooks (.xlsx, .xlsm, .xls), or a folder of them")
}

func (w *Window) buildEmptyState(table fyne.CanvasObject) *emptyState {
	e := &emptyState{table: table, frame: canvas.NewRectangle(color.Transparent)}
	e.frame.StrokeWidth = 2
	e.frame.CornerRadius = theme.InputRadiusSize() * 3
	e.frame.StrokeColor = theme.Color(theme.ColorNamePrimary)
	icon := widget.NewIcon(theme.UploadIcon())
	title := widget.NewLabelWithStyle(lang.L("Drop files here to send them"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	accepted := widget.NewLabelWithStyle(acceptedFiles()+".", fyne.TextAlignCenter, fyne.TextStyle{})
	checked := widget.NewLabelWithStyle(lang.L("Each file is checked first; a file with errors is never sent."), fyne.TextAlignCenter, fyne.TextStyle{})
	e.dest = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	e.dest.Wrapping = fyne.TextWrapWord
	add := widget.NewButtonWithIcon(lang.L("Add files…"), theme.ContentAddIcon(), w.pickFiles)
	add.Importance = widget.HighImportance
	addFolder := widget.NewButtonWithIcon(lang.L("Add folder…"), theme.FolderOpenIcon(), w.pickFolder)
	body := container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSize(64, 64), icon)),
		title, accepted, checked, e.dest, container.NewCenter(container.NewHBox(add, addFolder)))
	e.content = container.NewPadded(container.NewStack(e.frame,
		container.NewVBox(layout.NewSpacer(), body, layout.NewSpacer())))
	return e
}

// show shows the empty state, or hides it once there are files.
func (e *emptyState) show(empty bool) {
	showIf(e.content, empty)
	showIf(e.table, !empty)
}

// setDestination says where dropped files will go.
func (e *emptyState) setDestination(p profile.Profile, inbox string) {
	e.dest.SetText(fmt.Sprintf(lang.L("They go to %s."), destinationText(p, inbox)))
}

// destinationText names where files sent with p land, in words:
// "Agency server (ftp.agency.example, folder incoming)".
func destinationText(p profile.Profile, inbox string) string {
	if p.BuiltIn {
		return fmt.Sprintf(lang.L("the built-in test server, which puts them in %s"), inbox)
	}
	if p.Name == "" {
		return lang.L("the server you choose above")
	}
	folder := lang.L("the login folder")
	if p.RemoteDir != "" {
		folder = fmt.Sprintf(lang.L("folder %s"), p.RemoteDir)
	}
	return p.Name + " (" + p.Host + ", " + folder + ")"
}

package ui

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// withLogFolder adds "Open log folder" under the Log tab when the program
// writes a log file (dir, package logfile): what a support case asks for.
func withLogFolder(logView fyne.CanvasObject, a fyne.App, dir string) fyne.CanvasObject {
	if dir == "" {
		return logView
	}
	open := widget.NewButton(lang.L("Open log folder"), func() { _ = a.OpenURL(folderURL(dir)) })
	where := widget.NewLabel(fmt.Sprintf(lang.L("The log file is in %s"), dir))
	return container.NewBorder(nil, container.NewBorder(nil, nil, nil, open, where), nil, nil, logView)
}

// folderURL is the file:// URL of a folder, for the system's file manager.
func folderURL(dir string) *url.URL {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/Users/... -> file:///C:/Users/...
	}
	return &url.URL{Scheme: "file", Path: p}
}

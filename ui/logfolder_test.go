package ui

import (
	"path/filepath"
	"runtime"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
)

func TestLogTabOpensTheLogFolder(t *testing.T) {
	dir := t.TempDir()
	a := test.NewTempApp(t)
	onUIWait(func() {
		view := withLogFolder(widget.NewLabel("log"), a, dir)
		buttons := uitest.FindAll(view, func(b *widget.Button) bool { return b.Text == "Open log folder" })
		if len(buttons) != 1 {
			t.Fatalf("%d 'Open log folder' buttons", len(buttons))
		}
		if none := withLogFolder(widget.NewLabel("log"), a, ""); len(uitest.FindAll(none, func(b *widget.Button) bool { return true })) != 0 {
			t.Error("a button without a log file")
		}
	})
	u := folderURL(dir)
	if u.Scheme != "file" || (runtime.GOOS != "windows" && u.Path != filepath.ToSlash(dir)) {
		t.Errorf("URL %s for %s", u, dir)
	}
}

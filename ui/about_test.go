package ui

import (
	"image/png"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/about"
	"exchange/internal/notices"
	"exchange/internal/uitest"
)

// TestAboutShowsTheBuildFactsAndCopiesThem: every fact support asks for is
// on screen, and Copy puts the same lines on the clipboard.
// EXCHANGE_ABOUT_SCREENSHOT=FILE.png also saves a picture of the dialog.
func TestAboutShowsTheBuildFactsAndCopiesThem(t *testing.T) {
	a := test.NewTempApp(t)
	win := a.NewWindow("Exchange")
	win.Resize(fyne.NewSize(760, 560))
	facts := about.Facts()
	v := newAboutView(a, win, facts)
	shown := uitest.TextOf(v.content)
	for _, f := range facts {
		if !strings.Contains(shown, f.Label) || !strings.Contains(shown, f.Value) {
			t.Errorf("the About dialog lacks %s: %s\n%s", f.Label, f.Value, shown)
		}
	}
	for _, label := range []string{"Version", "Commit", "Build date", "Go version", "OS/arch", "State folder", "Log folder"} {
		if !strings.Contains(shown, label) {
			t.Errorf("the About dialog lacks %q", label)
		}
	}
	test.Tap(v.copy)
	if got, want := a.Clipboard().Content(), about.Text(facts); got != want {
		t.Errorf("Copy put %q on the clipboard, want %q", got, want)
	}
	if shot := os.Getenv("EXCHANGE_ABOUT_SCREENSHOT"); shot != "" {
		win.SetContent(widget.NewLabel(""))
		w := &Window{app: a, win: win}
		w.showAbout()
		saveCapture(t, win, shot)
	}
}

func TestHelpMenuOpensAbout(t *testing.T) {
	a := test.NewTempApp(t)
	win := a.NewWindow("Exchange")
	w := &Window{app: a, win: win}
	w.addHelpMenu()
	menu := win.MainMenu()
	if menu == nil || len(menu.Items) != 1 || menu.Items[0].Label != "Help" || menu.Items[0].Items[0].Label != "About Exchange" {
		t.Fatalf("main menu %+v, want Help > About Exchange", menu)
	}
	menu.Items[0].Items[0].Action()
	if overlay := win.Canvas().Overlays().Top(); overlay == nil || !strings.Contains(uitest.TextOf(overlay), "Build date") {
		t.Error("Help > About Exchange shows no About dialog with the build facts")
	}
}

func TestLicencesListHasEveryLineOfTheNotices(t *testing.T) {
	text, ok := notices.Text()
	if !ok {
		text = notices.Missing
	}
	if got, want := licencesList().Length(), strings.Count(text, "\n")+1; got != want {
		t.Errorf("the licences list has %d lines, the notices %d", got, want)
	}
}

func saveCapture(t *testing.T, win fyne.Window, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

package desktop

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	exchange "exchange"
	"exchange/ui"
)

// Run is the window program: the built-in server, the journal, the
// profiles, the service and the window, with files given on the command
// line queued. It returns when the window has closed.
func Run(files []string) error {
	if len(files) == 1 && (files[0] == "--version" || files[0] == "-version") {
		fmt.Println("Exchange", exchange.Version())
		return nil
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	ui.LimitMemory(ctx)
	a := fyneapp.NewWithID(AppID)
	nameApp(a)
	a.SetIcon(appIcon)
	d, err := Open(Config{App: a})
	if err != nil {
		return err
	}
	d.Window.SetupTray(appIcon)
	d.ShowWatches()
	d.Window.AddPaths(files)
	d.Window.Window().ShowAndRun()
	return errors.Join(d.Close())
}

// nameApp names the app "Exchange" when no packaged metadata did (a plain
// go build): the tray's title and the notifications show the name, not
// the app's ID.
func nameApp(a fyne.App) {
	m := a.Metadata()
	if m.Name != "" {
		return
	}
	m.Name = "Exchange"
	if m.ID == "" {
		m.ID = AppID
	}
	fyneapp.SetMetadata(m)
}

// Package desktop assembles the Exchange window program: the shared parts
// (package app), the upload service with the window's Asker for its
// questions, and the window (package ui). cmd/exchange-gui calls Run; the
// journey tests call Open with Fyne's test app, so that they drive what
// ships.
package desktop

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"exchange/app"
	"exchange/assets"
	"exchange/diagnose"
	"exchange/logfile"
	"exchange/profile"
	"exchange/transport"
	"exchange/ui"
	"exchange/uploader"
	"exchange/uploader/watch"
)

// AppID is the application's identity (preferences, notifications).
const AppID = "com.exchange.uploader"

// Config is what Open builds from.
type Config struct {
	app.Config
	// App is the Fyne app: the real one in Run, test.NewTempApp in tests.
	App fyne.App
	// Dial opens sessions; nil means transport.Dial (the protocols package
	// app links in). Tests wrap it to watch connections.
	Dial func(ctx context.Context, cfg transport.Config) (transport.Session, error)
}

// Desktop is the assembled program. Close it when the window has closed.
type Desktop struct {
	Parts   *app.Parts
	Service *uploader.Service
	Window  *ui.Window
	Asker   *ui.Asker
	Log     *ui.LogBuffer
	// Watches are the watched folders (watches.go).
	Watches     *watch.Manager
	stopWatches func()
	Audit       *app.Audit
	// auditing is Audit for the service's workers (they ask it before each send).
	auditing atomic.Pointer[app.Audit]

	logger  *slog.Logger // the log file (logfile.go)
	logFile *logfile.Log
	unlog   func()
}

// Open builds the program in this order, so that nothing is bound late:
// the shared parts; the Fyne window and its Asker; the service, given the
// Asker's questions; the window on the service. Files an earlier run left
// unfinished are back in the queue and sending.
func Open(cfg Config) (*Desktop, error) {
	parts, err := app.Open(cfg.Config)
	if err != nil {
		return nil, err
	}
	ui.ApplyLanguage(cfg.App) // Settings → Language, before any word is shown
	d := &Desktop{Parts: parts, Log: ui.NewLogBuffer(3000)}
	d.openLog()
	fw := cfg.App.NewWindow("Exchange")
	d.Asker = ui.NewAsker(fw, parts.Profiles, d.Log)
	d.newWatches()
	dial := cfg.Dial
	if dial == nil {
		dial = transport.Dial
	}
	d.Service, err = uploader.New(uploader.Options{
		Journal:  parts.Journal,
		Validate: app.ValidateFor,
		Dial:     d.Asker.GuardDial(dial),
		Configure: func(ctx context.Context, p profile.Profile, c *transport.Config) {
			c.Log = d.protocolLog()
			d.Asker.Configure(ctx, p, c)
		},
		DecideDuplicate: d.decideDuplicate,
		Throttle:        app.Throttle(parts.Limits),
		MaySend:         d.maySend,
	})
	if err != nil {
		return nil, errors.Join(err, parts.Close())
	}
	d.Window = ui.NewWindow(cfg.App, ui.Deps{
		Backend:  d.Service,
		Profiles: parts.Profiles,
		History:  parts.Journal.History,
		Diagnose: func(ctx context.Context, p profile.Profile, pw string, progress func(diagnose.Step)) diagnose.Result {
			return diagnose.Run(ctx, p, pw, diagnose.Options{Progress: progress, Configure: func(c *transport.Config) { c.Log = d.protocolLog() }})
		},
		Inbox:  parts.Inbox,
		Log:    d.Log,
		Window: fw,
		Asker:  d.Asker,
		Limits: parts.Limits,
		LogDir: d.logDir(),
		// The Excel templates Settings offers.
		TemplateNames: app.TemplateNames,
	})
	d.logEvents()
	d.startAudit(fw)
	d.restore()
	d.startWatches()
	if notice := parts.Journal.Notice(); notice != "" {
		// A journal repaired or imported at start: the clerk is told once,
		// in words, and the log keeps it.
		d.Log.Add("journal: " + notice)
		dialog.ShowInformation(lang.L("Exchange repaired its records"), notice, fw)
	}
	return d, nil
}

// restore registers every profile with the password known without asking
// (none when the keychain has none: the Asker asks before the login), then
// puts the unfinished files of the last run back in the queue.
func (d *Desktop) restore() {
	if all, err := d.Parts.Profiles.List(); err == nil {
		for _, p := range all {
			pw, _ := d.Asker.Known(p)
			d.Service.RegisterProfile(p.WithDefaults(), pw)
		}
	}
	if restored := d.Service.Restore(); len(restored) > 0 {
		d.Log.Add(fmt.Sprintf("%d unfinished files of the last run are back in the queue", len(restored)))
		d.Service.Start()
	}
}

// Close stops the service, then the built-in server and the journal.
func (d *Desktop) Close() error {
	if d.stopWatches != nil {
		d.Window.StopWatchFolders()
		d.stopWatches()
	}
	d.Window.Stop() // no redraw or History question may reach a closed journal
	err := d.Service.Close()
	return errors.Join(err, d.Audit.Close(), d.closeLog(), d.Parts.Close())
}

// appIcon is the app icon as a Fyne resource.
var appIcon = fyne.NewStaticResource("icon.png", assets.IconPNG)

package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	exchange "exchange"
	"exchange/assets"
	"exchange/uploader"
	"exchange/uploader/diagnose"
	"exchange/uploader/ftpclient"
	"exchange/uploader/localserver"
	"exchange/uploader/profile"
	"exchange/validate"
	"exchange/validate/excel"
)

// AppID is the application's identity (preferences, notifications).
const AppID = "com.exchange.uploader"

// Run starts the app: the built-in server, the journal, the profiles, the
// service and the window, with files given on the command line queued.
func Run(files []string) error {
	if len(files) == 1 && (files[0] == "--version" || files[0] == "-version") {
		fmt.Println("Exchange", exchange.Version())
		return nil
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	limitMemory(ctx)
	state, err := profile.StateDir()
	if err != nil {
		return err
	}
	journal, err := uploader.OpenJournal(state)
	if err != nil {
		return fmt.Errorf("open the upload journal: %w", err)
	}
	defer journal.Close()
	store, err := profile.OpenStore(state, profile.OSKeychain{})
	if err != nil {
		return err
	}
	inbox := profile.BuiltInInbox()
	srv, err := startBuiltIn(inbox)
	if err != nil {
		return err
	}
	defer srv.Close()
	store.SetBuiltIn(profile.BuiltInProfile(srv.Port()))

	a := app.NewWithID(AppID)
	a.SetIcon(appIcon)
	log := newLogBuffer(3000)
	var win *Window
	svc, err := uploader.New(uploader.Options{
		Journal:  journal,
		Validate: validateFor,
		Configure: func(ctx context.Context, p profile.Profile, cfg *ftpclient.Config) {
			cfg.Log = log.Add
			cfg.ConfirmCertificate = func(info ftpclient.CertInfo) bool { return win.confirmCertificate(ctx, info) }
		},
		DecideDuplicate: win.decideDuplicate,
	})
	if err != nil {
		return err
	}
	defer svc.Close()
	win = NewWindow(a, Deps{
		Backend:  svc,
		Profiles: store,
		History:  journal.History,
		Diagnose: func(ctx context.Context, p profile.Profile, pw string, progress func(diagnose.Step)) diagnose.Result {
			return diagnose.Run(ctx, p, pw, diagnose.Options{Progress: progress, Configure: func(cfg *ftpclient.Config) { cfg.Log = log.Add }})
		},
		Inbox: inbox,
		Log:   log,
	})
	// Files of an earlier run that did not finish come back first.
	if all, err := store.List(); err == nil {
		for _, p := range all {
			pw, _ := store.Password(p)
			svc.RegisterProfile(p.WithDefaults(), pw)
		}
	}
	if restored := svc.Restore(); len(restored) > 0 {
		log.Add(fmt.Sprintf("%d unfinished files of the last run are back in the queue", len(restored)))
		svc.Start()
	}
	win.setupTray(appIcon)
	win.AddPaths(files)
	win.Window().ShowAndRun()
	return nil
}

// startBuiltIn runs the built-in server on its usual port, or any free one
// when that is taken (another Exchange, or `exchange serve`).
func startBuiltIn(inbox string) (*localserver.Server, error) {
	opts := localserver.Options{Dir: inbox, User: profile.BuiltInUser, Password: profile.BuiltInPassword,
		ListenAddr: net.JoinHostPort("127.0.0.1", strconv.Itoa(profile.BuiltInPort))}
	if p := os.Getenv("EXCHANGE_BUILTIN_PORT"); p != "" {
		opts.ListenAddr = net.JoinHostPort("127.0.0.1", p)
	}
	srv, err := localserver.Start(opts)
	if err == nil {
		return srv, nil
	}
	opts.ListenAddr = "127.0.0.1:0"
	srv, err2 := localserver.Start(opts)
	if err2 != nil {
		return nil, errors.Join(err, err2)
	}
	return srv, nil
}

// validateFor checks a file for a profile (with its Excel import template).
func validateFor(_ context.Context, r io.ReaderAt, path string, size int64, p profile.Profile) (*validate.Report, error) {
	var opts validate.Options
	if p.Template != "" {
		t, err := excel.FindTemplate(p.Template)
		if err != nil {
			return nil, fmt.Errorf("profile %q: Excel template: %w", p.Name, err)
		}
		opts.Excel.Template = t
	}
	rep, err := validate.Reader(r, path, size, opts)
	if rep != nil {
		// The window shows the verdict and the findings, never the summary
		// (counts of transactions, sheets): with 10,000 files in the list,
		// keeping it would cost about 8 MB.
		rep.AL3, rep.Excel = nil, nil
	}
	return rep, err
}

// appIcon is the app icon as a Fyne resource.
var appIcon = fyne.NewStaticResource("icon.png", assets.IconPNG)

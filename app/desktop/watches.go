package desktop

import (
	"context"
	"fmt"
	"os"

	"exchange/app/autostart"
	"exchange/profile"
	"exchange/uploader"
	"exchange/uploader/watch"
)

// Watch folders in the window program: the saved watches (watches.json in
// the state folder) and the machine-wide one an administrator set up start
// with the app, on the window's service; a watch sends to its own profile
// (Service.AddFor) whatever the window has chosen.

// newWatches prepares the watches before the service exists, so that the
// service's duplicate question can tell a watched file (never asked about)
// from a dropped one.
func (d *Desktop) newWatches() {
	d.Watches = watch.NewManager(watch.ManagerConfig{
		Definitions: watch.NewDefinitionStore(d.Parts.State),
		Managed:     machineWatches(),
		Profile:     d.watchProfile,
		Queue:       serviceQueue{d},
		Store:       d.Parts.Journal,
		OnEvent: func(ev watch.Event) {
			if d.Window != nil {
				d.Window.NotifyWatchEvent(ev)
			}
		},
	})
}

// startWatches runs the watches until Close.
func (d *Desktop) startWatches() {
	ctx, cancel := context.WithCancel(context.Background())
	d.stopWatches = func() {
		cancel()
		d.Watches.Wait()
	}
	if err := d.Watches.Start(ctx); err != nil {
		d.Log.Add("watch: " + err.Error())
	}
	if d.Watches.Watching() > 0 {
		d.Service.Start()
		d.Log.Add(fmt.Sprintf("watching %d folder(s)", d.Watches.Watching()))
	}
}

// ShowWatches adds the "Watch folders" tab, the tray's watch items and
// "Start Exchange when I log in"; Run calls it after SetupTray.
func (d *Desktop) ShowWatches() {
	d.Window.AddWatchFolders(d.Watches)
	d.Window.AddStartAtLogin(loginStarter{})
}

// watchProfile finds a watch's profile and makes sure the service knows it
// (a profile added in Settings after the start is not registered yet). The
// password is the one known without asking; when there is none, the Asker
// asks before any login.
func (d *Desktop) watchProfile(name string) (profile.Profile, error) {
	p, err := d.Parts.Profiles.Get(name)
	if err != nil {
		return p, err
	}
	p = p.WithDefaults()
	pw, _ := d.Asker.Known(p)
	d.Service.RegisterProfile(p, pw)
	d.Service.Start() // a watch's files go as soon as they are complete
	return p, nil
}

// decideDuplicate asks the clerk about content already sent, except for a
// file of a watched folder: nobody dropped it, so it is skipped (the watch
// says so).
func (d *Desktop) decideDuplicate(ctx context.Context, dup uploader.Duplicate) bool {
	if d.Watches != nil && d.Watches.Owns(dup.Path) {
		return false
	}
	return d.Asker.DecideDuplicate(ctx, dup)
}

// serviceQueue hands a watch's files to the desktop's service.
type serviceQueue struct{ d *Desktop }

func (q serviceQueue) AddFor(profileName string, paths ...string) ([]uploader.ItemID, error) {
	return q.d.Service.AddFor(profileName, paths...)
}

func (q serviceQueue) Subscribe(fn func(uploader.Event)) func() { return q.d.Service.Subscribe(fn) }

// machineWatches is the watch an administrator set up for every user (the
// MSI's WATCH_DIR), on the machine-wide default profile.
func machineWatches() []watch.Definition {
	mw, ok := profile.MachineWatch()
	if !ok {
		return nil
	}
	return []watch.Definition{{Dir: mw.Dir, Profile: mw.Profile, After: watch.After(mw.After), Managed: true}}
}

// loginStarter is "Start Exchange when I log in" for this program.
type loginStarter struct{}

func (loginStarter) Enabled() (bool, error) { return autostart.Enabled() }

func (loginStarter) Set(on bool) error {
	if !on {
		return autostart.Disable()
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	return autostart.Enable(exe)
}

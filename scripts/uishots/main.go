// Command uishots opens the Exchange window in one of the states the README
// and issue 17 show, on a stand-in for the upload service that replays a
// fixed batch (sent, sending, invalid, failed, waiting), so that
// scripts/screenshots.sh can take its picture under Xvfb. It sends nothing.
//
//	uishots -shot empty|batch|details|settings|test|watch [-dark] [-size 1024x700]
//
// The window is as it ships: with the "Watch folders" tab (one watched
// folder) and the speed limit on the overall line.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"exchange/diagnose"
	"exchange/internal/uitest"
	"exchange/profile"
	"exchange/transport"
	"exchange/transport/bandwidth"
	"exchange/ui"
	"exchange/uploader"
	"exchange/uploader/watch"
	"exchange/validate"
)

func main() {
	shot := flag.String("shot", "batch", "empty, batch, details, settings, test or watch")
	dark := flag.Bool("dark", false, "the dark theme variant (default light)")
	size := flag.String("size", "1040x640", "the window's size, WIDTHxHEIGHT")
	flag.Parse()
	var width, height float32
	if _, err := fmt.Sscanf(*size, "%fx%f", &width, &height); err != nil {
		log.Fatalf("-size %q: %v", *size, err)
	}
	if *dark {
		os.Setenv("FYNE_THEME", "dark")
	} else {
		os.Setenv("FYNE_THEME", "light")
	}
	state, err := os.MkdirTemp("", "uishots")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(state)
	store, err := profile.OpenStore(state, keychain{})
	if err != nil {
		log.Fatal(err)
	}
	store.SetBuiltIn(profile.BuiltInProfile(2121))
	agency := profile.Profile{Name: "Agency server", Host: "ftp.agency.example", User: "clerk", RemoteDir: "incoming",
		Mode: "passive", TLS: "explicit", Connections: 2}
	if err := store.Save(agency); err != nil {
		log.Fatal(err)
	}
	if err := store.SetDefault(agency.Name); err != nil {
		log.Fatal(err)
	}
	a := fyneapp.NewWithID("com.exchange.uishots")
	win := a.NewWindow("Exchange")
	bk := &standIn{}
	w := ui.NewWindow(a, ui.Deps{Backend: bk, Profiles: store, Window: win, Inbox: "/home/clerk/Exchange Inbox",
		Diagnose: untrustedCertificate, Limits: bandwidth.New()})
	w.AddWatchFolders(watches{})
	win.Resize(fyne.NewSize(width, height))
	go func() {
		time.Sleep(1500 * time.Millisecond)
		if *shot != "empty" {
			bk.replay()
		}
		time.Sleep(800 * time.Millisecond)
		fyne.DoAndWait(func() { arrange(w, *shot) })
		if *shot == "test" {
			waitForVerdict(w.Window())
		}
		// screenshots.sh waits for this line: on a busy machine the
		// window may take several seconds to get here.
		time.Sleep(500 * time.Millisecond)
		fmt.Println("uishots: ready")
	}()
	win.ShowAndRun()
}

// arrange puts the window in the state of the shot.
func arrange(w *ui.Window, shot string) {
	content := w.Window().Content()
	tabs := uitest.FindAll[*container.AppTabs](content, nil)[0]
	tap := func(text string) {
		text = lang.L(text) // in the system's language (LANG=es_MX.UTF-8: Spanish)
		for _, b := range uitest.FindAll(content, func(b *widget.Button) bool { return strings.HasPrefix(b.Text, text) }) {
			b.OnTapped()
			return
		}
		log.Printf("no button %q", text)
	}
	switch shot {
	case "details":
		invalid, _, _ := strings.Cut(lang.N("Invalid: {{.Count}} errors", 1, map[string]any{"Count": 1}), ":")
		tap(invalid)
	case "settings":
		tabs.SelectIndex(3)
		editAgency(content)
	case "test":
		tabs.SelectIndex(3)
		editAgency(content)
		tap("Test connection")
	case "watch":
		tabs.SelectIndex(len(tabs.Items) - 1)
	}
}

// waitForVerdict waits (up to a minute) until Test connection shows its
// verdict's actions: on a busy machine its steps arrive one by one.
func waitForVerdict(win fyne.Window) {
	for range 300 {
		found := false
		fyne.DoAndWait(func() {
			if top := win.Canvas().Overlays().Top(); top != nil {
				found = len(uitest.FindAll(top, func(b *widget.Button) bool { return b.Text == "Copy report" })) > 0
			}
		})
		if found {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	log.Print("Test connection showed no verdict")
}

// editAgency shows the agency's server in Settings (the second in its list).
func editAgency(content fyne.CanvasObject) {
	for _, l := range uitest.FindAll[*widget.List](content, nil) {
		l.Select(1)
	}
}

// watches stand in for the watched folders: the agency's downloads folder,
// watched and sending to the agency's server.
type watches struct{}

func (watches) States() []watch.WatchState {
	def := watch.Definition{Dir: "/home/clerk/Downloads/Carrier downloads", Profile: "Agency server", After: watch.AfterMove}
	return []watch.WatchState{{Definition: def, Status: watch.Status{Dir: def.Dir, Profile: def.Profile, Running: true,
		LastFile: "DL240102.AL3", LastEvent: watch.EventSent, LastTime: time.Now().Add(-3 * time.Minute)}}}
}
func (watches) Add(watch.Definition) error { return nil }
func (watches) Remove(string) error        { return nil }
func (watches) PauseAll()                  {}
func (watches) ResumeAll()                 {}
func (watches) Paused() bool               { return false }
func (watches) Watching() int              { return 1 }

// keychain remembers the stand-in server's password, so that no prompt opens.
type keychain struct{}

func (keychain) Get(string, string) (string, error) { return "not-a-real-password", nil }
func (keychain) Set(string, string, string) error   { return nil }
func (keychain) Delete(string, string) error        { return nil }

// untrustedCertificate is the diagnosis of a server whose certificate this
// computer does not trust.
func untrustedCertificate(_ context.Context, p profile.Profile, _ string, progress func(diagnose.Step)) diagnose.Result {
	fp := "3A:91:5C:0E:77:D2:4B:18:AF:60:C3:9E:12:5B:84:F7:0D:E6:29:A1:B3:4C:58:9F:E0:71:2D:C6:93:0B:AE:15"
	steps := []diagnose.Step{
		{Name: "Resolve the server name", Status: diagnose.OK, Duration: 4 * time.Millisecond, Detail: "203.0.113.25"},
		{Name: "Connect to the server", Status: diagnose.OK, Duration: 38 * time.Millisecond, Detail: "connected to 203.0.113.25:21"},
		{Name: "Server greeting", Status: diagnose.OK, Duration: 41 * time.Millisecond, Detail: "220 Agency FTP ready"},
		{Name: "Secure connection (TLS) and certificate", Status: diagnose.Failed, Duration: 62 * time.Millisecond, Detail: "self-signed certificate, not trusted by this computer"},
		{Name: "Log in", Status: diagnose.Skipped, Detail: "not tried: an earlier step failed"},
		{Name: "Passive data connection (test upload)", Status: diagnose.Skipped, Detail: "not tried: an earlier step failed"},
	}
	for _, st := range steps {
		progress(st)
	}
	return diagnose.Result{Steps: steps,
		Verdict: "The server's certificate is not trusted (self-signed). Its SHA-256 fingerprint is " + fp + ".",
		Advice:  "Ask the server administrator for the certificate's fingerprint. If it matches, trust it: Exchange will pin it and refuse any other certificate.",
		Certificate: &transport.CertInfo{Subject: "CN=" + p.Host, Issuer: "CN=" + p.Host, SHA256: fp,
			NotAfter: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), Reason: "self-signed"},
		UntrustedCertificate: fp}
}

// standIn is the upload service's stand-in: it replays one batch.
type standIn struct {
	fn    func(uploader.Event)
	items []uploader.ItemInfo
}

// sized makes an empty file of size bytes (sparse) named like path, so
// that the table has a size to show, and returns its path.
func sized(dir, path string, size int64) string {
	p := filepath.Join(dir, filepath.Base(path))
	if f, err := os.Create(p); err == nil {
		_ = f.Truncate(size)
		_ = f.Close()
	}
	return p
}

func (s *standIn) replay() {
	dir, err := os.MkdirTemp("", "uishots-files")
	if err != nil {
		log.Fatal(err)
	}
	sizes := map[string]int64{"DL240101.AL3": 3_842, "DL240102.AL3": 12_410, "Renewals December 2026.xlsx": 210_000_000,
		"DL240103.AL3": 37, "commercial-auto.xlsx": 48_213, "DL240104.AL3": 6_127}
	broken := []byte("1MHG161   this download was cut short")
	rep, _ := validate.Reader(strings.NewReader(string(broken)), "DL240103.AL3", int64(len(broken)), validate.Options{})
	ok := &validate.Report{Kind: validate.KindAL3, Valid: true}
	xlsx := &validate.Report{Kind: validate.KindXLSX, Valid: true}
	srv := "Agency server"
	for _, e := range []uploader.Event{
		{Kind: uploader.EventDone, Item: "1", Path: "/home/clerk/Downloads/DL240101.AL3", Report: ok, RemotePath: "/incoming/DL240101.AL3"},
		{Kind: uploader.EventDone, Item: "2", Path: "/home/clerk/Downloads/DL240102.AL3", Report: ok, RemotePath: "/incoming/DL240102.AL3"},
		{Kind: uploader.EventUploading, Item: "3", Path: "/home/clerk/Downloads/Renewals December 2026.xlsx", Report: xlsx,
			Bytes: 87_400_000, Total: 210_000_000, Rate: 16_300_000, ETA: 8 * time.Second},
		{Kind: uploader.EventInvalid, Item: "4", Path: "/home/clerk/Downloads/DL240103.AL3", Report: rep},
		{Kind: uploader.EventFailed, Item: "5", Path: "/home/clerk/Downloads/commercial-auto.xlsx", Report: xlsx,
			Err: "553 Could not create file", Hint: "The server refused to store the file in /incoming: ask for write access there."},
		{Kind: uploader.EventWaiting, Item: "6", Path: "/home/clerk/Downloads/DL240104.AL3", Report: ok},
	} {
		e.Profile = srv
		e.Path = sized(dir, e.Path, sizes[filepath.Base(e.Path)])
		s.items = append(s.items, uploader.ItemInfo{ID: e.Item, Path: e.Path, Profile: srv, State: e.Kind})
		s.fn(uploader.Event{Kind: uploader.EventQueued, Item: e.Item, Path: e.Path, Profile: srv})
		s.fn(e)
	}
}

func (s *standIn) Add(...string) ([]uploader.ItemID, error)              { return nil, nil }
func (s *standIn) AddAgain(string, ...string) ([]uploader.ItemID, error) { return nil, nil }
func (s *standIn) Start()                                                {}
func (s *standIn) Pause()                                                {}
func (s *standIn) Resume()                                               {}
func (s *standIn) Paused() bool                                          { return false }
func (s *standIn) Cancel(uploader.ItemID) error                          { return nil }
func (s *standIn) CancelAll()                                            {}
func (s *standIn) Retry(uploader.ItemID) error                           { return nil }
func (s *standIn) Remove(uploader.ItemID) error                          { return nil }
func (s *standIn) SetProfile(profile.Profile, string)                    {}
func (s *standIn) RegisterProfile(profile.Profile, string)               {}
func (s *standIn) Items() []uploader.ItemInfo                            { return nil }
func (s *standIn) Subscribe(fn func(uploader.Event)) func()              { s.fn = fn; return func() {} }

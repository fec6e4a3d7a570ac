package desktop

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"exchange/app"
	"exchange/cli"
	"exchange/internal/uitest"
	"exchange/transport"
	"exchange/transport/ftpclient"
	"exchange/ui"
	"exchange/uploader"
)

// The crash journeys run the program in a child process (this test binary,
// told so by childEnv) and kill it with SIGKILL: what a power cut or the
// task manager leaves behind, which no Close can tidy up.
const childEnv = "EXCHANGE_JOURNEY_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode == "cli" {
		// The command line as a clerk's scheduled job runs it, beside the window.
		os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	} else if mode != "" {
		os.Exit(runChild(mode))
	}
	os.Exit(m.Run())
}

// runChild is the program in the child: "question" drops FILE twice and
// waits on the already-sent question; "upload" sends FILE slowly to the
// profile PROFILE with the password PASSWORD (typed by the clerk: there is
// no keychain). Either prints "READY" when it may be killed, then waits.
func runChild(mode string) int {
	a := test.NewApp()
	var d *Desktop
	var err error
	ui.DoAndWait(func() {
		d, err = Open(Config{
			Config: app.Config{StateDir: os.Getenv("STATE"), Keychain: noSecretService{}, Inbox: os.Getenv("INBOX"), BuiltInAddr: "127.0.0.1:0"},
			App:    a,
			Dial: func(ctx context.Context, cfg transport.Config) (transport.Session, error) {
				s, err := ftpclient.Dial(ctx, cfg)
				if err != nil || mode != "upload" {
					return s, err
				}
				return slowSession{s}, nil
			},
		})
	})
	if err != nil {
		fmt.Println("open:", err)
		return 1
	}
	file := os.Getenv("FILE")
	drop := func() {
		ui.DoAndWait(func() { d.Window.HandleDrop([]fyne.URI{storage.NewFileURI(file)}) })
	}
	switch mode {
	case "question":
		drop()
		waitChild(func() bool { return lastOf(d, file) == uploader.EventDone })
		drop()
		waitChild(func() bool {
			var shown bool
			ui.DoAndWait(func() {
				top := d.Window.Window().Canvas().Overlays().Top()
				shown = top != nil && strings.Contains(uitest.TextOf(top), "Send it again?")
			})
			return shown
		})
	case "upload":
		p, err := d.Parts.Profiles.Get(os.Getenv("PROFILE"))
		if err != nil {
			fmt.Println("profile:", err)
			return 1
		}
		d.Asker.Remember(p, os.Getenv("PASSWORD"))
		ui.DoAndWait(func() {})
		d.Service.SetProfile(p.WithDefaults(), os.Getenv("PASSWORD"))
		drop()
	}
	fmt.Println("READY")
	select {}
}

func waitChild(cond func() bool) {
	for !cond() {
		time.Sleep(20 * time.Millisecond)
	}
}

func lastOf(d *Desktop, path string) uploader.EventKind {
	var last uploader.EventKind
	for _, it := range d.Service.Items() {
		if it.Path == path {
			last = it.State
		}
	}
	return last
}

// slowSession sends at about 320 kB/s, so that a kill finds the upload
// under way.
type slowSession struct{ transport.Session }

func (s slowSession) Store(path string, r io.Reader, offset int64) error {
	return s.Session.Store(path, slowReader{r}, offset)
}

type slowReader struct{ r io.Reader }

func (s slowReader) Read(p []byte) (int, error) {
	time.Sleep(50 * time.Millisecond)
	return s.r.Read(p[:min(len(p), 16<<10)])
}

// child starts the program in a child process with env, waits for READY
// (or until ready says so), and returns the process to kill.
func (j *journey) child(mode string, env ...string) *exec.Cmd {
	j.t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{childEnv + "=" + mode, "STATE=" + j.state, "INBOX=" + j.inbox}, env...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		j.t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		j.t.Fatal(err)
	}
	j.t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	ready := make(chan string, 1)
	go func() {
		var b strings.Builder
		buf := make([]byte, 256)
		for {
			n, err := out.Read(buf)
			b.Write(buf[:n])
			if strings.Contains(b.String(), "READY") || err != nil {
				ready <- b.String()
				io.Copy(io.Discard, out)
				return
			}
		}
	}()
	select {
	case said := <-ready:
		if !strings.Contains(said, "READY") {
			j.t.Fatalf("the child program stopped: %s", said)
		}
	case <-time.After(2 * time.Minute):
		j.t.Fatal("the child program did not get ready")
	}
	return cmd
}

// kill ends the child as a power cut would.
func kill(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
}

package desktop

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/profile"
	"exchange/ui"
	"exchange/uploader/watch"
	"exchange/validate/al3/al3gen"
)

// Watched folders start with the app: the administrator's machine-wide
// watch (read-only in the window) and a watch the clerk added, which comes
// back after a restart. Their files are sent on their own; content already
// sent is skipped without asking anyone; the tab shows each watch's state,
// and "Start Exchange when I log in" writes the autostart entry.
func TestJourneyWatchedFoldersStartWithTheApp(t *testing.T) {
	j := newJourney(t, nil)
	managedDir, userDir := t.TempDir(), t.TempDir()
	setting, _ := json.Marshal(profile.MachineWatchSetting{Dir: managedDir, Profile: profile.BuiltInName})
	machineWatch := filepath.Join(t.TempDir(), "watch.json")
	if err := os.WriteFile(machineWatch, setting, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EXCHANGE_MACHINE_WATCH", machineWatch)
	xdg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", xdg)
	j.open()
	ui.DoAndWait(j.d.ShowWatches)
	if err := j.d.Watches.Add(watch.Definition{Dir: userDir, Profile: profile.BuiltInName, Settle: watch.Duration(time.Second)}); err != nil {
		t.Fatal(err)
	}
	managed := al3gen.Valid(al3gen.CRLF)
	if err := os.WriteFile(filepath.Join(managedDir, "MANAGED.AL3"), managed, 0o644); err != nil {
		t.Fatal(err)
	}
	j.waitFor("the managed watch's file in the inbox", func() bool { return sameFile(filepath.Join(j.inbox, "MANAGED.AL3"), managed) })
	j.waitFor("moved to Sent/", func() bool { return exists(filepath.Join(managedDir, "Sent", "MANAGED.AL3")) })

	j.restart()
	ui.DoAndWait(j.d.ShowWatches)
	j.waitFor("both watches running again", func() bool { return j.d.Watches.Watching() == 2 })
	user := append(al3gen.Valid(al3gen.CRLF), al3gen.Valid(al3gen.CRLF)...)
	if err := os.WriteFile(filepath.Join(userDir, "USER.AL3"), user, 0o644); err != nil {
		t.Fatal(err)
	}
	j.waitFor("the clerk's watch's file in the inbox", func() bool { return sameFile(filepath.Join(j.inbox, "USER.AL3"), user) })
	// The same content again: skipped without a question, left in the folder.
	if err := os.WriteFile(filepath.Join(userDir, "AGAIN.AL3"), user, 0o644); err != nil {
		t.Fatal(err)
	}
	j.waitFor("the duplicate skipped", func() bool {
		for _, s := range j.d.Watches.States() {
			if s.LastEvent == watch.EventSkipped && filepath.Base(s.LastFile) == "AGAIN.AL3" {
				return true
			}
		}
		return false
	})
	if j.dialogShown("already sent") || exists(filepath.Join(j.inbox, "AGAIN.AL3")) {
		t.Error("a watched duplicate was asked about or sent")
	}

	j.tab("Watch folders")
	j.waitUI("the tab shows both watches", func() bool {
		text := uitest.TextOf(j.win().Content())
		return strings.Contains(text, managedDir) && strings.Contains(text, userDir) && strings.Contains(text, "set by your administrator")
	})
	ui.DoAndWait(func() {
		bs := uitest.FindAll(j.win().Content(), func(b *widget.Button) bool { return b.Text == "Managed" })
		if len(bs) != 1 || !bs[0].Disabled() {
			t.Errorf("the machine-wide watch is not shown read-only (%d Managed buttons)", len(bs))
		}
	})
	// "Start Exchange when I log in" writes this person's autostart entry.
	ui.DoAndWait(func() {
		checks := uitest.FindAll(j.win().Content(), func(c *widget.Check) bool { return strings.Contains(c.Text, "when I log in") })
		if len(checks) != 1 {
			t.Errorf("%d start-at-login checks", len(checks))
			return
		}
		test.Tap(checks[0])
	})
	if runtime.GOOS == "linux" && !exists(filepath.Join(xdg, "autostart", "exchange.desktop")) {
		t.Error("no autostart entry after ticking Start Exchange when I log in")
	}
	if err := j.d.Watches.Remove(watch.Definition{Dir: managedDir, Profile: profile.BuiltInName}.Key()); err == nil {
		t.Error("the machine-wide watch was removed")
	}
}

func sameFile(path string, want []byte) bool {
	got, err := os.ReadFile(path)
	return err == nil && bytes.Equal(got, want)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

package fyneenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestTheWindowsDefaultLeavesAUsersSettingAlone(t *testing.T) {
	t.Setenv("EXCHANGE_FYNEENV_TEST", "2m")
	setDefault("EXCHANGE_FYNEENV_TEST", CacheDuration)
	if got := os.Getenv("EXCHANGE_FYNEENV_TEST"); got != "2m" {
		t.Errorf("a value the user set became %q", got)
	}
	t.Setenv("EXCHANGE_FYNEENV_TEST", "")
	os.Unsetenv("EXCHANGE_FYNEENV_TEST")
	setDefault("EXCHANGE_FYNEENV_TEST", CacheDuration)
	if got := os.Getenv("EXCHANGE_FYNEENV_TEST"); got != CacheDuration {
		t.Errorf("unset, the value is %q, want %q", got, CacheDuration)
	}
}

// A program that imports this package and Fyne initialises this package
// first (GODEBUG=inittrace=1 lists the packages as they are initialised), so
// Fyne's cache reads FYNE_CACHE after it was set.
func TestInitialisedBeforeFyne(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "initorder")
	build := exec.Command("go", "build", "-o", bin, "./testdata/initorder")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := exec.Command(bin)
	run.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	trace := string(out)
	ours, fyne := strings.Index(trace, "init exchange/internal/fyneenv "), strings.Index(trace, "init fyne.io/fyne/v2/internal/cache ")
	if ours < 0 || fyne < 0 || ours > fyne {
		t.Errorf("fyneenv is not initialised before Fyne's cache:\n%s", trace)
	}
}

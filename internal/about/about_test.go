package about

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	exchange "exchange"
)

func TestFactsNameEverythingSupportAsksFor(t *testing.T) {
	state := t.TempDir()
	facts := factsOf(exchange.Build{
		Version: "1.2.3", Commit: "abc123", Modified: true, CommitAt: "2026-12-01T10:00:00Z",
		BuildDate: "2026-12-06T08:00:00Z", GoVersion: "go1.26.8", OSArch: "windows/amd64",
	}, func() (string, error) { return state, nil })
	text := Text(facts)
	for _, want := range []string{
		"Version: 1.2.3", "Commit: abc123 (with uncommitted changes), committed 2026-12-01T10:00:00Z",
		"Build date: 2026-12-06T08:00:00Z", "Go version: go1.26.8", "OS/arch: windows/amd64",
		"State folder: " + state, "Log folder: " + filepath.Join(state, "logs") + " (not created yet)",
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("About text lacks %q:\n%s", want, text)
		}
	}
	if err := os.Mkdir(filepath.Join(state, "logs"), 0o700); err != nil {
		t.Fatal(err)
	}
	text = Text(factsOf(exchange.Build{}, func() (string, error) { return state, nil }))
	if !strings.Contains(text, "Log folder: "+filepath.Join(state, "logs")+"\n") {
		t.Errorf("an existing log folder is named as it is:\n%s", text)
	}
	for _, want := range []string{"Commit: unknown\n", "Build date: unknown (a developer's build)\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("a build without facts says %q:\n%s", want, text)
		}
	}
}

func TestFactsSayWhyTheStateFolderIsUnknown(t *testing.T) {
	text := Text(factsOf(exchange.Build{}, func() (string, error) { return "", errors.New("$HOME is not defined") }))
	if !strings.Contains(text, "State folder: unknown ($HOME is not defined)\n") {
		t.Errorf("got:\n%s", text)
	}
}

func TestFactsOfThisBinary(t *testing.T) {
	facts := Facts()
	if facts[0].Value != exchange.Version() {
		t.Errorf("version %q, want %q", facts[0].Value, exchange.Version())
	}
	if facts[3].Value != runtime.Version() || facts[4].Value != runtime.GOOS+"/"+runtime.GOARCH {
		t.Errorf("Go and OS/arch facts: %v", facts[3:5])
	}
}

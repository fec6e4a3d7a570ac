package cli

import (
	"bytes"
	"strings"
	"testing"

	exchange "exchange"
)

func TestVersionPrintsFyneAppTOMLsVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		var out, errOut bytes.Buffer
		if code := Run(args, nil, &out, &errOut); code != ExitOK {
			t.Fatalf("%v: exit %d, stderr %s", args, code, errOut.String())
		}
		if got, want := out.String(), "exchange "+exchange.Version()+"\n"; got != want {
			t.Errorf("%v printed %q, want %q", args, got, want)
		}
	}
}

func TestVersionVerboseNamesWhatSupportAsksFor(t *testing.T) {
	state := t.TempDir()
	t.Setenv("EXCHANGE_STATE_DIR", state)
	var out, errOut bytes.Buffer
	if code := Run([]string{"version", "--verbose"}, nil, &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut.String())
	}
	for _, want := range []string{
		"Version: " + exchange.Version(), "Commit: ", "Build date: ", "Go version: go", "OS/arch: ",
		"State folder: " + state, "Log folder: ",
	} {
		if !strings.Contains(out.String(), "\n"+want) {
			t.Errorf("version --verbose lacks %q:\n%s", want, out.String())
		}
	}
}

func TestVersionRefusesStrayArguments(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Run([]string{"version", "extra"}, nil, &out, &errOut); code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	if !strings.Contains(errOut.String(), "usage: exchange version") {
		t.Errorf("stderr %q", errOut.String())
	}
}

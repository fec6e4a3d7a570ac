package exchange

import (
	"os"
	"regexp"
	"testing"
)

func TestVersionComesFromFyneAppTOML(t *testing.T) {
	raw, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Version = "([^"]+)"`).FindSubmatch(raw)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	if got, want := Version(), string(m[1]); got != want {
		t.Fatalf("Version() = %q, FyneApp.toml says %q", got, want)
	}
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(Version()) {
		t.Fatalf("Version() = %q is not MAJOR.MINOR.PATCH (the MSI needs that form)", Version())
	}
}

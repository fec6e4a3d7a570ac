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

// TestChangelogHasTheVersion keeps CHANGELOG.md in step with the one version
// source: a release without its section fails here.
func TestChangelogHasTheVersion(t *testing.T) {
	raw, err := os.ReadFile("CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile(`(?m)^## \[` + regexp.QuoteMeta(Version()) + `\] - \d{4}-\d{2}-\d{2}$`)
	if !section.Match(raw) {
		t.Errorf("CHANGELOG.md has no section \"## [%s] - YYYY-MM-DD\" for FyneApp.toml's version", Version())
	}
	if !regexp.MustCompile(`(?m)^## \[Unreleased\]$`).Match(raw) {
		t.Error("CHANGELOG.md has no \"## [Unreleased]\" section to add the next changes to")
	}
}

func TestBuildFactsOfThisBinary(t *testing.T) {
	b := BuildFacts()
	if b.Version != Version() || b.GoVersion == "" || b.OSArch == "" {
		t.Errorf("BuildFacts() = %+v", b)
	}
}

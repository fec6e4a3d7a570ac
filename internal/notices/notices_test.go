package notices

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/internal/wine"
)

// TestCopyleftOrUnknownLicenceFailsTheBuild is the check make test runs
// (scripts/notices.sh), on a fixture SBOM with one module of each kind.
func TestCopyleftOrUnknownLicenceFailsTheBuild(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Main([]string{"testdata/copyleft.cdx.json"}, &out, &errOut)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	msg := errOut.String()
	for _, want := range []string{
		"third-party licence check failed: 4 module(s) cannot ship inside Exchange:",
		"- example.com/copyleft v1.2.0: its licence GPL-3.0-only is copyleft",
		"- example.com/nolicence v0.3.0: no licence was found in the module",
		"- example.com/both v0.9.0: its licence LGPL-2.1-only is copyleft",
		`- example.com/odd v0.1.0: its licence "Custom licence, see file" is not on the accepted list`,
		"add its licence to accepted in internal/notices/policy.go",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%s", want, msg)
		}
	}
	for _, fine := range []string{"example.com/permissive", "example.com/dual"} {
		if strings.Contains(msg, fine) {
			t.Errorf("%s has an accepted licence but is refused:\n%s", fine, msg)
		}
	}
}

func TestAcceptedLicencesPassWithASummary(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Main([]string{"testdata/accepted.cdx.json"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if got, want := out.String(), "licences: 2 modules, all accepted (0BSD 1, Apache-2.0 1)\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
}

// TestNoticesCarryEveryLicenceText generates notices for two real modules of
// the build list and checks each licence file is in them word for word.
func TestNoticesCarryEveryLicenceText(t *testing.T) {
	wine.SkipUnder(t, "it runs the go command, which is a Linux program on this machine")
	out := filepath.Join(t.TempDir(), FileName)
	var stdout, errOut bytes.Buffer
	if code := Main([]string{"-out", out, "-version", "9.8.7", "-module", "../..", "testdata/accepted.cdx.json"}, &stdout, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	dirs, err := moduleDirs("../..")
	if err != nil {
		t.Fatal(err)
	}
	own, _ := os.ReadFile("../../LICENSE")
	wants := []string{"Exchange 9.8.7: licence and third-party notices", strings.TrimSpace(string(own)),
		"github.com/jlaffaye/ftp v0.2.4: 0BSD", "github.com/spf13/afero v1.15.0: Apache-2.0", "The Go standard library and runtime"}
	for _, m := range []string{"github.com/jlaffaye/ftp v0.2.4", "github.com/spf13/afero v1.15.0"} {
		files, err := LicenceFiles(dirs[m])
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: licence files %v, %v", m, files, err)
		}
		for _, f := range files {
			body, _ := os.ReadFile(f)
			wants = append(wants, strings.TrimSpace(string(body)))
		}
	}
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("the notices lack %.80q", want)
		}
	}
}

func TestLicenceFilesAreTheLicenceAndNoticeFilesOnly(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"LICENSE", "NOTICE", "COPYING.md", "LICENSE-APACHE", "license.go", "README.md", "licenses_test.go"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := LicenceFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if got, want := strings.Join(names, " "), "COPYING.md LICENSE LICENSE-APACHE NOTICE"; got != want {
		t.Errorf("licence files %q, want %q", got, want)
	}
}

func TestAModuleWithoutALicenceFileFailsTheNotices(t *testing.T) {
	mod := Module{Path: "example.com/bare", Version: "v1.0.0", Licences: []string{"MIT"}}
	err := Generate(&bytes.Buffer{}, Inputs{Modules: []Module{mod}, Dirs: map[string]string{mod.String(): t.TempDir()}})
	if err == nil || !strings.Contains(err.Error(), "example.com/bare v1.0.0: no LICENSE, COPYING or NOTICE file") {
		t.Errorf("err = %v", err)
	}
}

func TestReadBOMsRefusesWhatIsNotCycloneDX(t *testing.T) {
	f := filepath.Join(t.TempDir(), "x.json")
	if err := os.WriteFile(f, []byte(`{"spdxVersion":"SPDX-2.3"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadBOMs(f); err == nil || !strings.Contains(err.Error(), "not a CycloneDX document") {
		t.Errorf("err = %v", err)
	}
}

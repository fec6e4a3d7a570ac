package packaging

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type workflow struct {
	Jobs map[string]struct {
		RunsOn string `yaml:"runs-on"`
		Needs  any    `yaml:"needs"`
		Steps  []struct {
			Name string `yaml:"name"`
			Uses string `yaml:"uses"`
			Run  string `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestReleaseWorkflowNamesEveryStep checks that the release workflow is valid
// YAML and that each job does what the installers issue asks of it.
func TestReleaseWorkflowNamesEveryStep(t *testing.T) {
	raw, err := os.ReadFile("../.github/workflows/release.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(raw, &wf); err != nil {
		t.Fatalf("release.yml is not valid YAML: %v", err)
	}
	want := map[string]struct {
		runner string
		steps  []string // each must appear in some step's run text
	}{
		"macos":   {"macos", []string{"GOARCH=arm64", "GOARCH=amd64", "lipo -create", "fyne package -os darwin", "codesign", "hdiutil create", "notarytool submit", "stapler staple"}},
		"windows": {"ubuntu", []string{"make package-windows", "make test-installer", "SIGN_PKCS12"}},
		"linux":   {"ubuntu", []string{"make package-linux"}},
		"release": {"ubuntu", []string{"gh release create"}},
	}
	for name, w := range want {
		job, ok := wf.Jobs[name]
		if !ok {
			t.Errorf("job %q missing", name)
			continue
		}
		if !strings.HasPrefix(job.RunsOn, w.runner) {
			t.Errorf("job %q runs on %q, want a %s runner", name, job.RunsOn, w.runner)
		}
		var all strings.Builder
		for _, s := range job.Steps {
			all.WriteString(s.Run)
			all.WriteString("\n")
		}
		for _, step := range w.steps {
			if !strings.Contains(all.String(), step) {
				t.Errorf("job %q has no step running %q", name, step)
			}
		}
	}
	if needs, _ := wf.Jobs["release"].Needs.([]any); len(needs) != 3 {
		t.Errorf("release job needs %v, want the three installer jobs", wf.Jobs["release"].Needs)
	}
}

// TestWixSourceHasWhatAdministratorsNeed checks the MSI source for the pieces
// a per-machine office deployment relies on.
func TestWixSourceHasWhatAdministratorsNeed(t *testing.T) {
	raw, err := os.ReadFile("windows/exchange.wxs.in")
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	for _, want := range []string{
		`InstallScope="perMachine"`, "<MajorUpgrade", "ProgramFiles64Folder", "ProgramMenuFolder",
		"SendToFolder", `Key="Software\Exchange\DefaultProfile"`, "[SERVER_HOST]", "@VERSION@",
		`Name="THIRD_PARTY_NOTICES.txt"`, `Name="LICENSE.txt"`, `Name="Exchange.exe.cdx.json"`, `Name="exchange-cli.exe.cdx.json"`,
		`<ComponentRef Id="Notices"/>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("exchange.wxs.in lacks %s", want)
		}
	}
	if strings.Contains(strings.ToLower(s), "password") && strings.Contains(s, "[SERVER_PASSWORD]") {
		t.Error("the installer must never carry a password")
	}
}

package packaging

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestWindowsWorkflowRunsTheTestsAndTheMSIOnWindows keeps
// .github/workflows/windows.yml valid YAML and doing what issue 22 asks: the
// tests on a Windows runner, the MSI built on Linux and installed on Windows.
func TestWindowsWorkflowRunsTheTestsAndTheMSIOnWindows(t *testing.T) {
	raw, err := os.ReadFile("../.github/workflows/windows.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(raw, &wf); err != nil {
		t.Fatalf("windows.yml is not valid YAML: %v", err)
	}
	want := map[string]struct {
		runner string
		steps  []string
	}{
		"test":    {"windows", []string{"go vet ./...", "go test -count=1 -timeout 30m ./..."}},
		"msi":     {"ubuntu", []string{"make package-windows"}},
		"install": {"windows", []string{"msiexec.exe", "/i ", "/qn", "THIRD_PARTY_NOTICES.txt", "Exchange.exe.cdx.json", "version --verbose", "/x "}},
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
			all.WriteString(s.Run + "\n")
		}
		for _, step := range w.steps {
			if !strings.Contains(all.String(), step) {
				t.Errorf("job %q has no step running %q", name, step)
			}
		}
	}
	if needs, _ := wf.Jobs["install"].Needs.([]any); len(needs) != 1 || needs[0] != "msi" {
		t.Errorf("install needs %v, want [msi]", wf.Jobs["install"].Needs)
	}
}

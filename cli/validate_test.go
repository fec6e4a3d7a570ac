package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exchange/internal/samples"
	"exchange/validate"
	"exchange/validate/al3/al3gen"
)

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// caseData returns the data of the generated case with the given name.
func caseData(t *testing.T, name string) []byte {
	for _, c := range al3gen.Cases() {
		if c.Name == name {
			return c.Data
		}
	}
	t.Fatalf("no case %q", name)
	return nil
}

func TestValidateReadable(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "GOOD.AL3", al3gen.Valid(al3gen.CRLF))
	warn := writeFile(t, dir, "WARN.AL3", caseData(t, "trailer count (groups)"))
	bad := writeFile(t, dir, "BAD.AL3", caseData(t, "trailing spaces stripped"))

	code, out, _ := run("validate", good)
	if code != ExitOK || !strings.Contains(out, "GOOD.AL3: ACORD AL3, valid\n") || !strings.Contains(out, "summary: 1 message, 2 transactions") {
		t.Errorf("good: code %d, output:\n%s", code, out)
	}
	code, out, _ = run("validate", warn, good)
	if code != ExitOK || !strings.Contains(out, "valid (1 warning)") || !strings.Contains(out, "al3/trailer-count at byte") {
		t.Errorf("warning only: code %d, output:\n%s", code, out)
	}
	code, out, _ = run("validate", good, bad)
	if code != ExitFailed || !strings.Contains(out, "BAD.AL3: ACORD AL3, INVALID (1 error)") ||
		!strings.Contains(out, "error   al3/line-break-in-group at byte") || !strings.Contains(out, "line ") {
		t.Errorf("invalid: code %d, output:\n%s", code, out)
	}
	pdf := writeFile(t, dir, "scan.al3", []byte("%PDF-1.4\n"))
	code, out, _ = run("validate", pdf)
	if code != ExitFailed || !strings.Contains(out, "unknown kind, INVALID") || !strings.Contains(out, "PDF") {
		t.Errorf("pdf: code %d, output:\n%s", code, out)
	}
}

func TestValidateJSON(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "GOOD.AL3", al3gen.Valid(al3gen.CRLF))
	bad := writeFile(t, dir, "BAD.AL3", caseData(t, "truncated"))
	code, out, _ := run("validate", "--json", good, bad)
	if code != ExitFailed {
		t.Errorf("code = %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per file, got:\n%s", out)
	}
	var reps [2]validate.Report
	for i, l := range lines {
		if err := json.Unmarshal([]byte(l), &reps[i]); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
	}
	if reps[0].Path != good || !reps[0].Valid || reps[0].Kind != validate.KindAL3 || reps[0].AL3 == nil || reps[0].AL3.Transactions != 2 {
		t.Errorf("good = %+v", reps[0])
	}
	if reps[1].Valid || len(reps[1].Findings) == 0 || reps[1].Findings[0].Rule != "al3/truncated" || reps[1].Findings[0].Offset <= 0 {
		t.Errorf("bad = %+v", reps[1])
	}
	// flags may follow the paths
	if code, out, _ := run("validate", good, "--json"); code != ExitOK || !strings.HasPrefix(out, "{") {
		t.Errorf("trailing flag: code %d, output %s", code, out)
	}
}

func TestValidateUsageAndIOErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "GOOD.AL3", al3gen.Valid(al3gen.CRLF))
	if code, _, _ := run("validate"); code != ExitUsage {
		t.Errorf("no paths: code %d", code)
	}
	if code, _, _ := run("validate", "--bogus", good); code != ExitUsage {
		t.Errorf("unknown flag: code %d", code)
	}
	code, out, errOut := run("validate", "--json", good, filepath.Join(dir, "missing.al3"))
	if code != ExitUsage || !strings.Contains(errOut, "missing.al3") || strings.Count(out, "\n") != 2 || !strings.Contains(out, `"error"`) {
		t.Errorf("missing file: code %d, stdout %s, stderr %s", code, out, errOut)
	}
	if code, _, errOut := run("validate", dir); code != ExitUsage || !strings.Contains(errOut, "not a regular file") {
		t.Errorf("directory: code %d, stderr %s", code, errOut)
	}
}

func TestValidateRealSample(t *testing.T) {
	p := samples.Path(t, "DLTEST.DAT")
	code, out, _ := run("validate", p)
	for _, want := range []string{"valid (1 warning)", "al3/trailer-count at byte 10254, line 52, group 3MTG, message 1",
		"categories policy 2", "lines of business HOME 1, PROP 1", "senders IBMTESTER, VERMONT MUTUAL INSURANCE", "dates 2003-03-19"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code != ExitOK {
		t.Errorf("code = %d", code)
	}
}

// After "--" every argument is a file, even one whose name starts with "-".
func TestValidateDoubleDashEndsFlags(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "-a.al3", al3gen.Valid(al3gen.CRLF))
	b := writeFile(t, dir, "-b.al3", al3gen.Valid(al3gen.CRLF))
	t.Chdir(dir)
	code, out, errOut := run("validate", "--", filepath.Base(a), filepath.Base(b))
	if code != ExitOK || strings.Count(out, "ACORD AL3, valid") != 2 {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}

package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestListTemplates: --list-templates names the built-in templates and the
// administrator's files, a damaged file with its reason (exit 1), and a file
// there can be named by --template.
func TestListTemplates(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("EXCHANGE_MACHINE_TEMPLATES", dir)
	code, out, _ := run("validate", "--list-templates")
	if code != ExitOK || !strings.Contains(out, "nexsure-basic") || !strings.Contains(out, "22 columns") || !strings.Contains(out, dir) {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	writeFile(t, dir, "client.json", []byte(`{"name": "nexsure-client", "columns": [{"name": "Client Name"}, {"name": "Client Type"}]}`))
	writeFile(t, dir, "broken.json", []byte(`{"name": `))
	code, out, _ = run("validate", "--list-templates")
	if code != ExitFailed || !strings.Contains(out, "nexsure-client") || !strings.Contains(out, "broken.json: cannot be used") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	code, out, _ = run("validate", "--list-templates", "--json")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); code != ExitFailed || len(lines) != 4 || !strings.Contains(out, `"error"`) {
		t.Fatalf("exit %d, json:\n%s", code, out)
	}
	// The administrator's template applies to a workbook by its name.
	book := filepath.Join("..", "validate", "testdata", "templates", "xlwt-nexsure-right.xls")
	code, out, _ = run("validate", "--template", "nexsure-client", book)
	if code != ExitFailed || !strings.Contains(out, "Column 1 (A) should be Client Name, found LOB") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

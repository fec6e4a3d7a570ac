package excel

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCatalogFolder: template files an administrator adds are listed and
// found by name; a damaged one, or one taking a built-in's name, is listed
// with its reason and never silently used.
func TestCatalogFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("client.json", `{"name": "nexsure-client", "system": "Nexsure", "columns": [{"name": "Client Name"}, {"name": "State", "type": "state"}]}`)
	write("broken.json", `{"name": "broken", "columns": [`)
	write("shadow.json", `{"name": "Nexsure-Basic", "columns": [{"name": "A"}]}`)
	write("notes.txt", `not a template`)
	c := Catalog{Dirs: []string{dir, filepath.Join(dir, "missing")}}
	var got []string
	for _, e := range c.List() {
		switch {
		case e.Err != nil:
			got = append(got, "error "+filepath.Base(e.Source))
		default:
			got = append(got, e.Template.Name+" "+filepath.Base(e.Source))
		}
	}
	want := "nexsure-basic built-in|policy-header-example built-in|error broken.json|nexsure-client client.json|error shadow.json"
	if strings.Join(got, "|") != want {
		t.Errorf("list\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	if tm, err := c.Find("NEXSURE-CLIENT"); err != nil || len(tm.Columns) != 2 {
		t.Errorf("find nexsure-client: %v %v", tm, err)
	}
	if tm, err := c.Find("nexsure-basic"); err != nil || len(tm.Columns) != 22 {
		t.Errorf("the built-in was shadowed: %v %v", tm, err)
	}
	if _, err := c.Find("broken"); err == nil || !strings.Contains(err.Error(), "cannot be used") {
		t.Errorf("broken: %v", err)
	}
	if _, err := c.Find("nope"); err == nil || !strings.Contains(err.Error(), "nexsure-client") {
		t.Errorf("unknown name: %v", err)
	}
}

package excel

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Catalog is where templates are found: the built-in ones, then the template
// files (*.json) in Dirs, such as the machine-wide folder an administrator
// fills with the formats their agency-management system's support gives them.
// A file may not take the name of a built-in template.
type Catalog struct {
	Dirs []string
}

// CatalogEntry is one template of a catalog, or a file that cannot be used.
type CatalogEntry struct {
	Template *Template // nil when Err is set
	Source   string    // "built-in" or the file's path
	Err      error     // why the file cannot be used
}

// List returns every template, built-in first, then each folder's files in
// name order; a file that cannot be used is listed with its reason. A folder
// that does not exist holds nothing.
func (c Catalog) List() []CatalogEntry {
	var out []CatalogEntry
	builtin := map[string]bool{}
	for _, t := range BuiltinTemplates() {
		builtin[strings.ToLower(t.Name)] = true
		out = append(out, CatalogEntry{Template: t, Source: "built-in"})
	}
	seen := map[string]string{}
	for _, dir := range c.Dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			continue
		}
		sort.Strings(files)
		for _, f := range files {
			t, err := LoadTemplate(f)
			switch {
			case err != nil:
				out = append(out, CatalogEntry{Source: f, Err: err})
			case builtin[strings.ToLower(t.Name)]:
				out = append(out, CatalogEntry{Source: f, Err: fmt.Errorf("its name %q is the name of a built-in template: rename it", t.Name)})
			case seen[strings.ToLower(t.Name)] != "":
				out = append(out, CatalogEntry{Source: f, Err: fmt.Errorf("its name %q is already used by %s: rename one of them", t.Name, seen[strings.ToLower(t.Name)])})
			default:
				seen[strings.ToLower(t.Name)] = f
				out = append(out, CatalogEntry{Template: t, Source: f})
			}
		}
	}
	return out
}

// Find returns the template of that name (case aside), or reads the
// template file at that path.
func (c Catalog) Find(nameOrPath string) (*Template, error) {
	var names []string
	for _, e := range c.List() {
		if e.Template == nil {
			continue
		}
		if strings.EqualFold(e.Template.Name, nameOrPath) {
			return e.Template, nil
		}
		names = append(names, e.Template.Name)
	}
	for _, e := range c.List() {
		if e.Err != nil && strings.EqualFold(strings.TrimSuffix(filepath.Base(e.Source), ".json"), nameOrPath) {
			return nil, fmt.Errorf("the template file %s cannot be used: %w", e.Source, e.Err)
		}
	}
	if st, err := os.Stat(nameOrPath); err == nil && st.Mode().IsRegular() {
		return LoadTemplate(nameOrPath)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("template %s: %w", nameOrPath, err)
	}
	return nil, fmt.Errorf("no template %q: give a template file, or one of: %s", nameOrPath, strings.Join(names, ", "))
}

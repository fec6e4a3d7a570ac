package notices

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// licenceFile matches the files in a module's root folder that carry its
// licence and the notices it asks to keep (Apache-2.0's NOTICE).
var licenceFile = regexp.MustCompile(`(?i)^(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT|PATENTS|UNLICENSE)([-._].*)?$`)

// LicenceFiles returns the licence and notice files in a module's folder,
// sorted by name.
func LicenceFiles(moduleDir string) ([]string, error) {
	entries, err := os.ReadDir(moduleDir)
	if err != nil {
		return nil, fmt.Errorf("read the module folder: %w", err)
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && licenceFile.MatchString(e.Name()) && filepath.Ext(e.Name()) != ".go" {
			files = append(files, filepath.Join(moduleDir, e.Name()))
		}
	}
	sort.Strings(files)
	return files, nil
}

// Inputs is what Generate writes the notices from.
type Inputs struct {
	Version    string            // Exchange's version
	OwnLicence string            // Exchange's LICENSE text
	GoVersion  string            // the Go toolchain whose standard library is linked in
	GoLicence  string            // its LICENSE text
	Modules    []Module          // from ReadBOMs
	Dirs       map[string]string // module "path version" -> its folder in the module cache
}

// Generate checks the modules' licences and writes the notices. A module
// with an unaccepted licence, or whose folder has no licence file, fails
// the whole: notices with a hole in them are not shipped.
func Generate(w io.Writer, in Inputs) error {
	if err := Check(in.Modules); err != nil {
		return err
	}
	texts := make([][]string, len(in.Modules))
	var missing []Problem
	for i, m := range in.Modules {
		dir, ok := in.Dirs[m.String()]
		if !ok {
			missing = append(missing, Problem{m, "its folder is not in the module cache (run go mod download)"})
			continue
		}
		files, err := LicenceFiles(dir)
		if err != nil || len(files) == 0 {
			missing = append(missing, Problem{m, "no LICENSE, COPYING or NOTICE file in its folder " + dir})
			continue
		}
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				return fmt.Errorf("read %s's licence: %w", m, err)
			}
			texts[i] = append(texts[i], fmt.Sprintf("--- %s ---\n%s", filepath.Base(f), strings.TrimRight(string(raw), "\n ")))
		}
	}
	if missing != nil {
		return &PolicyError{Problems: missing}
	}

	rule := strings.Repeat("=", 78)
	fmt.Fprintf(w, "Exchange %s: licence and third-party notices\n\n", in.Version)
	fmt.Fprintf(w, "%s\nExchange\n%s\n%s\n\n", rule, rule, strings.TrimRight(in.OwnLicence, "\n"))
	fmt.Fprintf(w, "Exchange is built with the following software, under the licences below.\n\n")
	fmt.Fprintf(w, "%s\nThe Go standard library and runtime (%s): BSD-3-Clause\n%s\n%s\n\n", rule, in.GoVersion, rule, strings.TrimRight(in.GoLicence, "\n"))
	for i, m := range in.Modules {
		fmt.Fprintf(w, "%s\n%s: %s\n%s\n%s\n\n", rule, m, strings.Join(m.Licences, ", "), rule, strings.Join(texts[i], "\n\n"))
	}
	_, err := fmt.Fprintf(w, "%s\n%d modules and the Go standard library.\n", rule, len(in.Modules))
	return err
}

// Summary counts the modules by licence, e.g. "MIT 20, BSD-3-Clause 15".
func Summary(mods []Module) string {
	count := map[string]int{}
	for _, m := range mods {
		count[strings.Join(m.Licences, ", ")]++
	}
	names := make([]string, 0, len(count))
	for n := range count {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if count[names[i]] != count[names[j]] {
			return count[names[i]] > count[names[j]]
		}
		return names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s %d", n, count[n])
	}
	return strings.Join(parts, ", ")
}

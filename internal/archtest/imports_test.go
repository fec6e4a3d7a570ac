package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"testing"
)

const module = "exchange"

// pkg is what go list says of one package of the module (test files left out).
type pkg struct {
	ImportPath string
	Imports    []string // direct imports
	Deps       []string // everything it links in, transitively
}

// listModule runs go list -deps over the module once, as it builds for goos.
func listModule(t *testing.T, goos string) map[string]pkg {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil && runtime.GOOS == "windows" {
		// A Windows test binary run without a Go toolchain (under wine):
		// the Linux run checks the Windows graph too.
		t.Skipf("no go command to read the import graph (%v): the Linux run checks it for windows and linux", err)
	}
	if err != nil {
		t.Fatalf("the go command is needed to read the import graph: %v", err)
	}
	cmd := exec.Command(goTool, "list", "-e", "-json=ImportPath,Imports,Deps", module+"/...")
	cmd.Env = append(os.Environ(), "GOOS="+goos)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	all := map[string]pkg{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		all[p.ImportPath] = p
	}
	if len(all) < 10 {
		t.Fatalf("go list found only %d packages: %v", len(all), stderr.String())
	}
	return all
}

// under says whether path is prefix or a package below it.
func under(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// ours is an import path of this module.
func ours(path string) bool { return under(path, module) }

// rule is one import rule: packages under From must not link in (Deps) or
// import directly (Imports) what Forbidden says.
type rule struct {
	name      string
	from      func(string) bool
	direct    bool // only direct imports count (a thin main may import what it runs)
	forbidden func(string) bool
}

// TestImportRules checks the rules on the graph of each OS that ships
// (files with build constraints may import differently).
func TestImportRules(t *testing.T) {
	for _, goos := range []string{"linux", "windows", "darwin"} {
		t.Run(goos, func(t *testing.T) { checkImportRules(t, listModule(t, goos)) })
	}
}

func checkImportRules(t *testing.T, all map[string]pkg) {
	fyne := func(p string) bool { return under(p, "fyne.io/fyne/v2") }
	rules := []rule{
		{name: "the window does not link in the FTP client, the built-in server or the Excel checker",
			from: func(p string) bool { return p == module+"/ui" },
			forbidden: func(p string) bool {
				return under(p, module+"/transport/ftpclient") || under(p, module+"/localserver") || under(p, module+"/validate/excel")
			}},
		{name: "validate imports nothing of ours beyond validate/*",
			from:      func(p string) bool { return under(p, module+"/validate") },
			forbidden: func(p string) bool { return ours(p) && !under(p, module+"/validate") }},
		{name: "nothing imports a main under cmd/",
			from: ours, direct: true,
			forbidden: func(p string) bool { return under(p, module+"/cmd") }},
		{name: "only cmd/exchange imports the command line",
			from: func(p string) bool { return ours(p) && p != module+"/cmd/exchange" }, direct: true,
			forbidden: func(p string) bool { return under(p, module+"/cli") }},
		{name: "the service and the profiles see only the protocol-neutral transport (a protocol is linked in by app)",
			from: func(p string) bool {
				return under(p, module+"/uploader") || under(p, module+"/profile") || under(p, module+"/diagnose/verdict")
			},
			forbidden: func(p string) bool { return under(p, module+"/transport") && p != module+"/transport" }},
		{name: "the core (uploader, validate) never links in Fyne",
			from:      func(p string) bool { return under(p, module+"/uploader") || under(p, module+"/validate") },
			forbidden: fyne},
		{name: "the transport and the layers under the window never link in Fyne",
			from: func(p string) bool {
				return under(p, module+"/transport") || under(p, module+"/profile") || under(p, module+"/diagnose") ||
					under(p, module+"/localserver") || p == module+"/app"
			},
			forbidden: fyne},
		{name: "the transport does not import the floors above it",
			from: func(p string) bool { return under(p, module+"/transport") },
			forbidden: func(p string) bool {
				for _, above := range []string{"uploader", "profile", "diagnose", "app", "ui", "cli", "cmd", "localserver", "validate"} {
					if under(p, module+"/"+above) {
						return true
					}
				}
				return false
			}},
	}
	for _, r := range rules {
		var broken []string
		for path, p := range all {
			if !r.from(path) {
				continue
			}
			links := p.Deps
			if r.direct {
				links = p.Imports
			}
			for _, d := range links {
				if d != path && r.forbidden(d) {
					broken = append(broken, path+" -> "+d)
				}
			}
		}
		sort.Strings(broken)
		if len(broken) > 0 {
			t.Errorf("rule broken: %s:\n  %s", r.name, strings.Join(broken, "\n  "))
		}
	}
	for _, want := range []string{module + "/ui", module + "/validate", module + "/uploader", module + "/cli", module + "/transport/ftpclient"} {
		if _, ok := all[want]; !ok {
			t.Errorf("go list did not see %s: the rules would check nothing", want)
		}
	}
}

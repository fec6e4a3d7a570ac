package notices

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Main is the notices generator's command line (internal/notices/gen):
//
//	gen [-out FILE] [-version V] [-module DIR] SBOM.cdx.json...
//
// It exits 1 with the list of refused modules when a licence is unknown or
// copyleft, 2 on a usage or read error, and prints a one-line summary.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("notices", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "write the notices to FILE (default: check only)")
	version := fs.String("version", "", "Exchange's version, for the heading")
	module := fs.String("module", ".", "the Go module (its go.mod and LICENSE) the SBOMs were made from")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: gen [-out FILE] [-version V] [-module DIR] SBOM.cdx.json...")
		return 2
	}
	mods, err := ReadBOMs(fs.Args()...)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if err := Check(mods); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if *out == "" {
		fmt.Fprintf(stdout, "licences: %d modules, all accepted (%s)\n", len(mods), Summary(mods))
		return 0
	}
	in, err := inputsFor(*module, *version, mods)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	var b bytes.Buffer
	if err := Generate(&b, in); err != nil {
		fmt.Fprintln(stderr, err)
		var policy *PolicyError
		if errors.As(err, &policy) {
			return 1
		}
		return 2
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		fmt.Fprintln(stderr, "write the notices:", err)
		return 2
	}
	fmt.Fprintf(stdout, "notices: %d modules, all accepted (%s); %s, %d bytes\n", len(mods), Summary(mods), *out, b.Len())
	return 0
}

func inputsFor(module, version string, mods []Module) (Inputs, error) {
	own, err := os.ReadFile(filepath.Join(module, "LICENSE"))
	if err != nil {
		return Inputs{}, fmt.Errorf("read Exchange's own licence: %w", err)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return Inputs{}, fmt.Errorf("go env GOROOT: %w", err)
	}
	goLicence, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "LICENSE"))
	if err != nil {
		return Inputs{}, fmt.Errorf("read the Go licence: %w", err)
	}
	dirs, err := moduleDirs(module)
	if err != nil {
		return Inputs{}, err
	}
	return Inputs{
		Version: version, OwnLicence: string(own), GoVersion: runtime.Version(), GoLicence: string(goLicence),
		Modules: mods, Dirs: dirs,
	}, nil
}

// moduleDirs maps "path version" to the module's folder in the module
// cache, for every module in the build list of the module in dir.
func moduleDirs(dir string) (map[string]string, error) {
	cmd := exec.Command("go", "list", "-m", "-json", "all")
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -m all: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	dirs := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	for {
		var m struct {
			Path, Version, Dir string
			Replace            *struct{ Path, Version, Dir string }
		}
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("read go list -m all: %w", err)
		}
		if m.Replace != nil && m.Replace.Dir != "" {
			m.Dir = m.Replace.Dir
		}
		if m.Dir != "" {
			dirs[m.Path+" "+m.Version] = m.Dir
		}
	}
	return dirs, nil
}

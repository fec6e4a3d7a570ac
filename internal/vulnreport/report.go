// Command vulnreport reads govulncheck's JSON output (scripts/vulncheck.sh)
// and says which known vulnerabilities Exchange's code calls: one in a
// module go.mod requires fails (a version bump fixes it); one in the Go
// standard library is a warning naming the Go release that fixes it (the
// build machines' toolchain does, not go.mod), unless -stdlib fail.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// message is one value of govulncheck's JSON stream: only the parts read here.
type message struct {
	OSV *struct {
		ID      string `json:"id"`
		Summary string `json:"summary"`
	} `json:"osv"`
	Finding *struct {
		OSV          string  `json:"osv"`
		FixedVersion string  `json:"fixed_version"`
		Trace        []frame `json:"trace"`
	} `json:"finding"`
}

type frame struct {
	Module   string `json:"module"`
	Version  string `json:"version"`
	Package  string `json:"package"`
	Function string `json:"function"`
}

// vuln is one known vulnerability the code calls.
type vuln struct {
	ID, Summary, Module, Version, Fixed string
}

func (v vuln) stdlib() bool { return v.Module == "stdlib" }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vulnreport", flag.ContinueOnError)
	fs.SetOutput(stderr)
	stdlibPolicy := fs.String("stdlib", "warn", "what a called vulnerability of the Go standard library does: warn or fail")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 || (*stdlibPolicy != "warn" && *stdlibPolicy != "fail") {
		fmt.Fprintln(stderr, "usage: vulnreport [-stdlib warn|fail] GOVULNCHECK.json")
		return 2
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "vulncheck:", err)
		return 2
	}
	defer f.Close()
	called, uncalled, err := read(f)
	if err != nil {
		fmt.Fprintf(stderr, "vulncheck: read govulncheck's output %s: %v\n", fs.Arg(0), err)
		return 2
	}
	failed := 0
	for _, v := range called {
		verdict, fix := "FAIL", "raise "+v.Module+" to "+v.Fixed+" or later in go.mod"
		if v.stdlib() {
			fix = "build with Go " + strings.TrimPrefix(v.Fixed, "v") + " or later (this is go" + strings.TrimPrefix(v.Version, "v") + ")"
			if v.Fixed == "" {
				fix = "no Go release fixes it yet"
			}
			if *stdlibPolicy == "warn" {
				verdict = "WARNING"
			}
		} else if v.Fixed == "" {
			fix = "no fixed version yet: stop calling it or replace " + v.Module
		}
		if verdict == "FAIL" {
			failed++
		}
		where := v.Module + " " + v.Version
		if v.stdlib() {
			where = "the Go standard library go" + strings.TrimPrefix(v.Version, "v")
		}
		fmt.Fprintf(stdout, "vulncheck: %s %s in %s: %s; %s\n", verdict, v.ID, where, v.Summary, fix)
	}
	fmt.Fprintf(stdout, "vulncheck: %d known vulnerabilities reached from Exchange's code (%d failing), %d more in what it imports or requires that its code does not reach\n",
		len(called), failed, uncalled)
	if failed > 0 {
		return 1
	}
	return 0
}

// read returns the vulnerabilities whose vulnerable function the code
// calls (one entry each, sorted by ID), and how many others were found.
func read(r io.Reader) (called []vuln, uncalled int, err error) {
	summaries := map[string]string{}
	calledByID := map[string]vuln{}
	others := map[string]bool{}
	dec := json.NewDecoder(r)
	for {
		var m message
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			return nil, 0, err
		}
		if m.OSV != nil {
			summaries[m.OSV.ID] = m.OSV.Summary
		}
		if m.Finding == nil || len(m.Finding.Trace) == 0 {
			continue
		}
		top := m.Finding.Trace[0]
		if top.Function == "" {
			others[m.Finding.OSV] = true
			continue
		}
		calledByID[m.Finding.OSV] = vuln{ID: m.Finding.OSV, Module: top.Module, Version: top.Version, Fixed: m.Finding.FixedVersion}
	}
	for id, v := range calledByID {
		v.Summary = summaries[id]
		called = append(called, v)
		delete(others, id)
	}
	sort.Slice(called, func(i, j int) bool { return called[i].ID < called[j].ID })
	return called, len(others), nil
}

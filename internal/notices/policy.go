package notices

import (
	"fmt"
	"strings"
)

// accepted are the licences a dependency may have: permissive ones whose
// only duty in a binary distribution is to carry their notice. Add one only
// after a legal review, with the reason in the commit.
var accepted = map[string]bool{
	"MIT": true, "MIT-0": true, "ISC": true, "0BSD": true,
	"BSD-2-Clause": true, "BSD-3-Clause": true,
	"BSD-Source-Code": true, // how the detector names the Go project's BSD-3-Clause text (golang.org/x/...)
	"Apache-2.0":      true,
	"Unlicense":       true, "CC0-1.0": true, "Zlib": true, "BSL-1.0": true,
}

// copyleft are the prefixes of licences that would put duties on Exchange's
// own source or on how it is distributed.
var copyleft = []string{"GPL", "LGPL", "AGPL", "MPL", "EPL", "EUPL", "CDDL", "OSL", "CPL", "SSPL", "CC-BY-SA"}

// Problem is a module that may not ship, and why.
type Problem struct {
	Module Module
	Why    string
}

// PolicyError lists every module whose licence is unknown or not accepted.
type PolicyError struct{ Problems []Problem }

func (e *PolicyError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "third-party licence check failed: %d module(s) cannot ship inside Exchange:\n", len(e.Problems))
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "  - %s: %s\n", p.Module, p.Why)
	}
	b.WriteString("Exchange ships only dependencies under permissive licences (MIT, BSD, ISC, Apache-2.0 and the like).\n")
	b.WriteString("Remove or replace the module, or, after a legal review, add its licence to accepted in internal/notices/policy.go.")
	return b.String()
}

// Check returns a *PolicyError naming every module without a detected
// licence or with one that is copyleft or not on the accepted list.
func Check(mods []Module) error {
	var problems []Problem
	for _, m := range mods {
		if why := refusal(m.Licences); why != "" {
			problems = append(problems, Problem{Module: m, Why: why})
		}
	}
	if problems != nil {
		return &PolicyError{Problems: problems}
	}
	return nil
}

// refusal says why a module with these licences may not ship, or "".
func refusal(licences []string) string {
	if len(licences) == 0 {
		return "no licence was found in the module (unknown licence: without one there is no right to ship it)"
	}
	for _, l := range licences {
		if why := refusalOf(l); why != "" {
			return why
		}
	}
	return ""
}

// refusalOf judges one SPDX id or expression: "A OR B" needs one accepted
// choice, "A AND B" needs all of them.
func refusalOf(expr string) string {
	expr = strings.Trim(strings.TrimSpace(expr), "()")
	if alts := splitOn(expr, " OR "); len(alts) > 1 {
		var whys []string
		for _, a := range alts {
			why := refusalOf(a)
			if why == "" {
				return ""
			}
			whys = append(whys, why)
		}
		return strings.Join(whys, "; and ")
	}
	for _, part := range splitOn(expr, " AND ") {
		id := strings.TrimSpace(strings.SplitN(part, " WITH ", 2)[0])
		id = strings.Trim(id, "()")
		if accepted[id] {
			continue
		}
		for _, c := range copyleft {
			if strings.HasPrefix(strings.ToUpper(id), c) {
				return fmt.Sprintf("its licence %s is copyleft", id)
			}
		}
		return fmt.Sprintf("its licence %q is not on the accepted list", id)
	}
	return ""
}

func splitOn(s, sep string) []string {
	return strings.Split(strings.ReplaceAll(s, strings.ToLower(sep), sep), sep)
}

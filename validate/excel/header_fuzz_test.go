package excel

import (
	"strings"
	"testing"
)

// FuzzHeader: whatever the header row, checking it against nexsure-basic
// gives at most one finding per problem column (never more than the
// template's and the header's columns together), maps every template column
// to a header column that exists or to none, and does not panic.
func FuzzHeader(f *testing.F) {
	tmpl, err := FindTemplate("nexsure-basic")
	if err != nil {
		f.Fatal(err)
	}
	var names []string
	for _, c := range tmpl.Columns {
		names = append(names, c.Name)
	}
	f.Add(strings.Join(names, "|"))
	f.Add(strings.Join(append(names[:5:5], names[6:]...), "|"))
	f.Add("Wrong|Columns|Here")
	f.Add("NAIC|LOB||lob|Premium|Premium")
	f.Fuzz(func(t *testing.T, header string) {
		cols := strings.Split(header, "|")
		c := newTemplateCheck(tmpl, 1000)
		c.row("S", 1, cols)
		c.row("S", 2, cols)
		fs := c.findings()
		if c.headerProblems > len(tmpl.Columns)+len(cols) {
			t.Fatalf("%d header problems for %d header cells", c.headerProblems, len(cols))
		}
		for i, si := range c.colOf {
			if si >= len(cols) || si < -1 {
				t.Fatalf("template column %d mapped to %d of %d", i, si, len(cols))
			}
		}
		if fs[len(fs)-1].Rule != RuleTemplateSummary {
			t.Fatalf("no summary last: %+v", fs[len(fs)-1])
		}
	})
}

package excel

import (
	"fmt"
	"strings"
	"testing"
)

// TestHeaderFindings: one finding per problem column, whatever the mix.
func TestHeaderFindings(t *testing.T) {
	cols := func(names ...string) *Template {
		tm := &Template{Name: "t", HeaderRow: 1}
		for _, n := range names {
			tm.Columns = append(tm.Columns, Column{Name: n, Type: TypeText})
		}
		return tm
	}
	tmpl := cols("A", "B", "C", "D", "E")
	for _, tc := range []struct {
		header []string
		want   []string // cell: start of the text
	}{
		{[]string{"a", " B ", "c", "d", "e"}, nil},
		{[]string{"A", "B", "C", "D"}, []string{"E1: Column 5 (E) should be E, but the header row ends before it"}},
		{[]string{"A", "D", "E"}, []string{"B1: Column 2 (B) should be B, found D: B is missing, so the columns from here on are shifted by two", "C1: Column 3 (C) should be C, found E: C is missing, so the columns from here on are shifted by two"}},
		{[]string{"A", "Bee", "C", "D", "E"}, []string{"B1: Column 2 (B) should be B, found Bee: rename it"}},
		{[]string{"E", "A", "B", "C", "D"}, []string{"A1: Column 1 (A) is E, which the t format expects as column 5 (E): move it there."}},
		{[]string{"A", "B", "", "C", "D", "E"}, []string{"C1: Column 3 (C) is an empty header cell, which is not a column of the t format: remove it, so the columns after it move back by one."}},
		{[]string{"A", "B", "C", "D", "E", "B"}, []string{"F1: Column 6 (F) repeats B, already column 2 (B): remove one of them."}},
	} {
		c := newTemplateCheck(tmpl, 50)
		c.row("S", 1, tc.header)
		fs := c.findings()
		fs = fs[:len(fs)-1] // the summary
		if len(fs) != len(tc.want) {
			t.Errorf("%q: %d findings %+v, want %q", tc.header, len(fs), fs, tc.want)
			continue
		}
		for i, f := range fs {
			if got := f.Cell + ": " + f.Text; !strings.HasPrefix(got, tc.want[i]) {
				t.Errorf("%q:\n got %s\nwant %s…", tc.header, got, tc.want[i])
			}
		}
	}
}

// TestTemplateColumnsAreBounded: a template of more columns than a header
// can be aligned with in bounded memory is refused when it is read.
func TestTemplateColumnsAreBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"name": "huge", "columns": [`)
	for i := 0; i <= maxTemplateColumns; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"name": "c%d"}`, i)
	}
	b.WriteString("]}")
	if _, err := ParseTemplate([]byte(b.String())); err == nil || !strings.Contains(err.Error(), "more than the 1024") {
		t.Errorf("err = %v", err)
	}
}

package excel

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// FuzzParseTemplate: any template file is either refused with an error or
// yields a template that keeps its promises (a name, columns with distinct
// names and known types, one-of columns with values, a header row a sheet can
// have), reads back the same after writing it out, and checks rows without
// failing.
func FuzzParseTemplate(f *testing.F) {
	if raw, err := os.ReadFile("templates/policy-header-example.json"); err == nil {
		f.Add(raw, "AUTOP", "2026-11-23", "$1,234.50")
	}
	f.Add([]byte(`{"name":"t","columns":[{"name":"A"},{"name":"B","type":"number"}]}`), "x", "1", "")
	f.Add([]byte(`{"name":"t","header_row":3,"sheet":"S","columns":[{"name":"D","type":"date"},{"name":"L","type":"one-of","values":["a","B"]}]}`), "11/23/2026", "b", "23-Nov-2026")
	f.Add([]byte(`{"name":"t","columns":[{"name":" a "},{"name":"A"}]}`), "", "", "")
	f.Add([]byte(`{"name":"t","columns":[{"name":"a","type":"money"}]}`), "", "", "")
	f.Fuzz(func(t *testing.T, raw []byte, v1, v2, v3 string) {
		tmpl, err := ParseTemplate(raw)
		if err != nil {
			if tmpl != nil || err.Error() == "" {
				t.Fatalf("refusal with a template or without a reason: %v %+v", err, tmpl)
			}
			return
		}
		if tmpl.Name == "" || len(tmpl.Columns) == 0 || tmpl.HeaderRow < 1 || tmpl.HeaderRow > maxRows {
			t.Fatalf("accepted a template that breaks its promises: %+v", tmpl)
		}
		seen := map[string]bool{}
		for _, c := range tmpl.Columns {
			key := normalize(c.Name)
			if key == "" || seen[key] {
				t.Fatalf("column name %q empty or repeated", c.Name)
			}
			seen[key] = true
			switch c.Type {
			case TypeText, TypeDate, TypeNumber:
			case TypeOneOf:
				if len(c.Values) == 0 {
					t.Fatalf("one-of column %q without values", c.Name)
				}
			default:
				t.Fatalf("column %q has type %q", c.Name, c.Type)
			}
		}
		out, err := json.Marshal(tmpl)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseTemplate(out)
		if err != nil || !reflect.DeepEqual(tmpl, again) {
			t.Fatalf("written out and read back: %+v, %v; was %+v", again, err, tmpl)
		}
		header := make([]string, len(tmpl.Columns))
		row := make([]string, len(tmpl.Columns))
		for i, c := range tmpl.Columns {
			header[i] = strings.ToUpper(c.Name)
			row[i] = []string{v1, v2, v3}[i%3]
		}
		tc := newTemplateCheck(tmpl, 3)
		tc.row("S", tmpl.HeaderRow, header)
		tc.row("S", tmpl.HeaderRow+1, row)
		tc.row("S", tmpl.HeaderRow+2, row[:len(row)/2])
		for _, x := range tc.findings() {
			if x.Rule == "" || x.Text == "" || x.Rule == RuleTemplateMissing {
				t.Fatalf("header row of the template's own names, or a bad finding: %+v", x)
			}
		}
	})
}

package excel

import "testing"

func TestTypedColumns(t *testing.T) {
	for _, tc := range []struct {
		typ  ColumnType
		v    string
		good bool
	}{
		{TypeState, "IL", true}, {TypeState, "pr", true}, {TypeState, "DC", true}, {TypeState, "XX", false}, {TypeState, "Illinois", false},
		{TypeZip, "62701", true}, {TypeZip, "63101-1234", true}, {TypeZip, "631011234", true}, {TypeZip, "6270", false},
		{TypeZip, "62701-12", false}, {TypeZip, "627-01", false}, {TypeZip, "ABCDE", false},
		{TypeEmail, "jane@acme.example", true}, {TypeEmail, "Jane <jane@acme.example>", false}, {TypeEmail, "jane@acme", false}, {TypeEmail, "jane", false},
		{TypePhone, "(217) 555-0100", true}, {TypePhone, "217.555.0100", true}, {TypePhone, "+1 217 555 0100", true},
		{TypePhone, "2175550100", true}, {TypePhone, "217-555-0100 x12", true}, {TypePhone, "555-0100", false}, {TypePhone, "call me", false},
		{TypeDigits, "25143", true}, {TypeDigits, "25143a", false}, {TypeDigits, "2514.3", false},
	} {
		why := checkTyped(tc.typ, tc.v)
		if (why == "") != tc.good {
			t.Errorf("%s %q: %q", tc.typ, tc.v, why)
		}
	}
}

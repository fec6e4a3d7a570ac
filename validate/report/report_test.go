package report

import "testing"

func TestPlace(t *testing.T) {
	for want, f := range map[string]Finding{
		"byte 7000, line 12, group 6CVH, message 1, transaction 2": {Offset: 7000, Line: 12, Group: "6CVH", Message: 1, Transaction: 2},
		"Policies!C12": {Offset: -1, Sheet: "Policies", Cell: "C12"},
		"Policies":     {Offset: -1, Sheet: "Policies"},
		"":             {Offset: -1},
	} {
		if got := f.Place(); got != want {
			t.Errorf("Place() = %q, want %q", got, want)
		}
	}
}

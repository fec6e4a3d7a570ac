package uploader

import "testing"

// TestInvalidNoteCountsInWords: "1 error", not "1 error(s)" (issue 17).
func TestInvalidNoteCountsInWords(t *testing.T) {
	for _, c := range []struct {
		valid       bool
		errs, warns int
		want        string
	}{
		{false, 1, 0, "1 error"},
		{false, 3, 2, "3 errors"},
		{true, 0, 1, "1 warning, and the profile refuses files with warnings"},
		{true, 0, 2, "2 warnings, and the profile refuses files with warnings"},
	} {
		if got := invalidNote(c.valid, c.errs, c.warns); got != c.want {
			t.Errorf("invalidNote(%v, %d, %d) = %q, want %q", c.valid, c.errs, c.warns, got, c.want)
		}
	}
}

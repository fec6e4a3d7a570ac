package watch

import (
	"testing"

	"exchange/profile"
)

// Downloaders' names are never taken; include and exclude patterns match the
// name case-insensitively, or the relative path when they hold a slash.
func TestFilter(t *testing.T) {
	f := newFilter([]string{"*.al3", "*.DAT", "carrier/*.xlsx"}, []string{"test*"})
	for rel, want := range map[string]bool{
		"POLICY.AL3": true, "policy.al3": true, "x.dat": true, "carrier/book.XLSX": true,
		"other/book.xlsx": false, "notes.txt": false, "TEST1.AL3": false,
		"a.AL3.tmp": false, "b.al3.part": false, "~$c.al3": false, ".d.al3": false, "e.al3.crdownload": false,
		"f.al3.error.txt": false, "sub/.hidden.al3": false,
	} {
		if got := f.takes(rel); got != want {
			t.Errorf("takes(%q) = %v, want %v", rel, got, want)
		}
	}
	if !newFilter(nil, nil).takes("anything.xlsx") {
		t.Error("without patterns, every file not ignored is taken")
	}
}

// Options: defaults filled, bad values refused with a sentence.
func TestOptions(t *testing.T) {
	o, err := Options{Dir: t.TempDir(), Profile: profile.Profile{Name: "p"}}.withDefaults()
	if err != nil || o.Settle != DefaultSettle || o.SweepEvery != DefaultSweepEvery || o.After != AfterMove || o.RetryAfter != DefaultRetryAfter {
		t.Errorf("defaults: %+v, %v", o, err)
	}
	for _, bad := range []Options{
		{Profile: profile.Profile{Name: "p"}},
		{Dir: "x"},
		{Dir: "x", Profile: profile.Profile{Name: "p"}, Include: []string{"[a"}},
		{Dir: "x", Profile: profile.Profile{Name: "p"}, After: "archive"},
		{Dir: "x", Profile: profile.Profile{Name: "p"}, Settle: -1},
	} {
		if _, err := bad.withDefaults(); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
	if a, err := ParseAfter(" Keep "); a != AfterKeep || err != nil {
		t.Errorf("ParseAfter(Keep) = %v, %v", a, err)
	}
}

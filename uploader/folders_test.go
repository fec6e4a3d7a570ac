package uploader

import (
	"testing"
	"time"
)

// TestFolderListingAnswersOnlyWhatItCanTell: a fresh listing answers for the
// names in it and for those not in it; a hidden name, a name present only in
// another case, a stale listing, a folder that could not be listed or one
// listed with too many names leave the question to the server.
func TestFolderListingAnswersOnlyWhatItCanTell(t *testing.T) {
	k := folderKey{profile: "p", gen: 1, dir: "/in"}
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	var r remoteFolders
	if r.worthListing(k, t0) {
		t.Error("the first file in a while lists the folder; one SIZE is cheaper")
	}
	if !r.worthListing(k, t0.Add(time.Millisecond)) {
		t.Error("the second file in a row does not list the folder")
	}
	if r.worthListing(k, t0.Add(2*time.Millisecond)) {
		t.Error("a second worker lists the folder while the first one does")
	}
	r.remember(k, []string{"a.al3", "Report.AL3", ".hidden"}, t0)
	now := t0.Add(listingFresh / 2)
	if r.worthListing(k, now) {
		t.Error("lists again while the listing is fresh")
	}
	for _, c := range []struct {
		name         string
		taken, known bool
	}{
		{"a.al3", true, true},
		{"b.al3", false, true},
		{"report.al3", false, false}, // only in another case: a server may ignore case
		{".hidden", false, false},    // servers leave hidden names out of NLST
		{".other", false, false},
	} {
		taken, known := r.taken(k, c.name, now)
		if taken != c.taken || known != c.known {
			t.Errorf("%s: taken %v known %v, want %v %v", c.name, taken, known, c.taken, c.known)
		}
	}
	if _, known := r.taken(folderKey{profile: "p", gen: 2, dir: "/in"}, "b.al3", now); known {
		t.Error("a listing answers for another generation of the profile")
	}
	if _, known := r.taken(k, "b.al3", t0.Add(listingFresh)); known {
		t.Error("a stale listing still answers")
	}

	r.remember(k, nil, t0.Add(3*listingFresh))
	later := t0.Add(3*listingFresh + time.Millisecond)
	if _, known := r.taken(k, "b.al3", later); known {
		t.Error("a folder that could not be listed still answers")
	}
	r.worthListing(k, later)
	if r.worthListing(k, later.Add(time.Millisecond)) {
		t.Error("a folder that could not be listed is listed again at once")
	}
	many := make([]string, listingMaxNames)
	for i := range many {
		many[i] = string(rune('a'+i%26)) + time.Duration(i).String()
	}
	k2 := folderKey{profile: "p", gen: 1, dir: "/big"}
	r.remember(k2, many, t0)
	if _, known := r.taken(k2, "zzz.al3", t0); known {
		t.Error("a listing of too many names is trusted")
	}
}

// TestFolderListingKeepsTheNamesThisServiceRenamed: a name renamed into the
// folder is taken at once, and stays taken in a listing that was asked for
// before the rename but stored after it.
func TestFolderListingKeepsTheNamesThisServiceRenamed(t *testing.T) {
	k := folderKey{profile: "p", gen: 1, dir: "/in"}
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	var r remoteFolders
	r.remember(k, []string{}, t0)
	r.arrive(k, "new.al3", t0.Add(time.Millisecond))
	if taken, known := r.taken(k, "new.al3", t0.Add(2*time.Millisecond)); !taken || !known {
		t.Errorf("a renamed name: taken %v known %v", taken, known)
	}
	// Another worker's listing, sent before the rename, lands after it.
	r.remember(k, []string{"old.al3"}, t0.Add(time.Millisecond/2))
	if taken, _ := r.taken(k, "new.al3", t0.Add(3*time.Millisecond)); !taken {
		t.Error("a listing asked for before the rename dropped the renamed name")
	}
	r.remember(k, []string{"old.al3"}, t0.Add(listingFresh))
	if taken, _ := r.taken(k, "new.al3", t0.Add(listingFresh+time.Millisecond)); !taken {
		t.Error("a newer listing that missed the renamed name dropped it")
	}
}

package uploader_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"exchange/internal/testwait"
	"exchange/profile"
	"exchange/uploader"
)

// On Windows, names differ by more than case or not at all. These run as a
// Windows binary against the in-process server, whose folder is a Windows
// folder too (case-insensitive, as an IIS or Exchange's built-in server on
// a Windows PC would be).

// The same file added twice, its path spelt in another case (a clerk drops
// C:\DL\Policy.AL3, then picks c:\dl\policy.al3 in a dialog), is one file in
// the list, sent once.
func TestSamePathInAnotherCaseIsOneQueuedFile(t *testing.T) {
	root := t.TempDir()
	srv := startTestFTP(t, root)
	if err := os.MkdirAll(filepath.Join(root, "in"), 0o777); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := writeFiles(t, dir, map[string][]byte{"Policy.AL3": validAL3(71, 4<<10)})[0]
	other := filepath.Join(strings.ToUpper(dir), "policy.al3")
	if _, err := os.Stat(other); err != nil {
		t.Fatalf("this Windows folder is not case-insensitive: %v", err)
	}
	x := newE2E(t, t.TempDir(), localProfile(srv.port, "/in"), 10*time.Millisecond)
	first, err := x.svc.Add(path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := x.svc.Add(other)
	if err != nil {
		t.Fatal(err)
	}
	if first[0] != again[0] {
		t.Fatalf("%s and %s became items %s and %s: want one item", path, other, first[0], again[0])
	}
	x.svc.Start()
	x.wait(testwait.Scaled(30*time.Second), 0)
	entries, _ := os.ReadDir(filepath.Join(root, "in"))
	if len(entries) != 1 {
		t.Errorf("on the server: %d files (%v), want Policy.AL3 once", len(entries), entries)
	}
}

// Keep both on a case-insensitive server: Policy.AL3 sent where policy.al3
// already is lands as "Policy (2).AL3", the server's file untouched; and two
// files of one batch whose names differ only in case (from two folders) both
// arrive, under two names, neither over the other.
func TestKeepBothTreatsNamesDifferingInCaseAsOne(t *testing.T) {
	root := t.TempDir()
	srv := startTestFTP(t, root)
	in := filepath.Join(root, "in")
	if err := os.MkdirAll(in, 0o777); err != nil {
		t.Fatal(err)
	}
	onServer := validAL3(72, 4<<10)
	if err := os.WriteFile(filepath.Join(in, "policy.al3"), onServer, 0o644); err != nil {
		t.Fatal(err)
	}
	p := localProfile(srv.port, "/in")
	p.Exists, p.Duplicates = profile.KeepBoth, profile.DuplicateSend
	x := newE2E(t, t.TempDir(), p, 10*time.Millisecond)

	mine := validAL3(73, 4<<10)
	ids := x.run(testwait.Scaled(30*time.Second), writeFiles(t, t.TempDir(), map[string][]byte{"Policy.AL3": mine})...)
	if it := x.final(ids[0]); it.Kind != uploader.EventDone || !strings.HasSuffix(it.RemotePath, "Policy (2).AL3") {
		t.Fatalf("Policy.AL3 beside policy.al3: %+v (%s); want done as Policy (2).AL3", it, x.kinds(ids[0]))
	}

	// One batch, two connections: each of the pair may choose its name
	// while the other is choosing.
	a, b := validAL3(74, 64<<10), validAL3(75, 64<<10)
	pa := writeFiles(t, t.TempDir(), map[string][]byte{"Claim.al3": a})
	pb := writeFiles(t, t.TempDir(), map[string][]byte{"CLAIM.AL3": b})
	ids = x.run(testwait.Scaled(30*time.Second), append(pa, pb...)...)
	remote := map[string]bool{}
	for _, id := range ids {
		it := x.final(id)
		if it.Kind != uploader.EventDone {
			t.Fatalf("%s: %+v (%s)", id, it, x.kinds(id))
		}
		remote[strings.ToLower(it.RemotePath)] = true
	}
	if len(remote) != 2 {
		t.Errorf("the two files went to %v: want two names that differ by more than case", remote)
	}
	checkArrivedFolded(t, in, map[string][]byte{"policy.al3": onServer, "policy (2).al3": mine}, a, b)
}

// checkArrivedFolded asserts that in holds the wanted files (names compared
// folded) and, under the other names, exactly the contents extra, once each.
func checkArrivedFolded(t *testing.T, in string, want map[string][]byte, extra ...[]byte) {
	t.Helper()
	entries, err := os.ReadDir(in)
	if err != nil {
		t.Fatal(err)
	}
	left := append([][]byte(nil), extra...)
	for _, e := range entries {
		got, err := os.ReadFile(filepath.Join(in, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if w, ok := want[strings.ToLower(e.Name())]; ok {
			if string(w) != string(got) {
				t.Errorf("%s changed on the server", e.Name())
			}
			delete(want, strings.ToLower(e.Name()))
			continue
		}
		found := -1
		for i, x := range left {
			if string(x) == string(got) {
				found = i
			}
		}
		if found < 0 {
			t.Errorf("unexpected %s on the server (%d bytes)", e.Name(), len(got))
			continue
		}
		left = append(left[:found], left[found+1:]...)
	}
	for name := range want {
		t.Errorf("%s is not on the server", name)
	}
	if len(left) > 0 {
		t.Errorf("%d of the batch's files are not on the server (one was written over the other)", len(left))
	}
}

// Duplicate detection goes by content, so a name in another case changes
// nothing: policy.al3 sent, then the same content as POLICY.AL3 from another
// folder, is skipped as already sent, and the server keeps one file.
func TestDuplicateUnderANameDifferingInCaseIsSkipped(t *testing.T) {
	root := t.TempDir()
	srv := startTestFTP(t, root)
	in := filepath.Join(root, "in")
	if err := os.MkdirAll(in, 0o777); err != nil {
		t.Fatal(err)
	}
	p := localProfile(srv.port, "/in")
	p.Duplicates = profile.DuplicateSkip
	x := newE2E(t, t.TempDir(), p, 10*time.Millisecond)
	data := validAL3(76, 4<<10)
	x.run(testwait.Scaled(30*time.Second), writeFiles(t, t.TempDir(), map[string][]byte{"policy.al3": data})...)
	ids := x.run(testwait.Scaled(30*time.Second), writeFiles(t, t.TempDir(), map[string][]byte{"POLICY.AL3": data})...)
	if it := x.final(ids[0]); it.Kind != uploader.EventSkipped || !strings.Contains(it.Note, "already sent on") {
		t.Errorf("POLICY.AL3 after policy.al3 with the same content: %+v; want skipped as already sent", it)
	}
	checkArrivedFolded(t, in, map[string][]byte{"policy.al3": data})
}

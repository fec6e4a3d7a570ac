package uploader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"exchange/profile"
	"exchange/transport"
)

// fakeItem stands in for the service around one transfer: it keeps the
// records and events the transfer hands it, and the final names other files
// hold.
type fakeItem struct {
	mu          sync.Mutex
	records     []journalItem // saved, in order
	kept        journalItem
	events      []Event
	heldByOther map[string]bool
	began       bool
	saveErr     error
}

func (f *fakeItem) keep(rec journalItem) { f.mu.Lock(); f.kept = rec; f.mu.Unlock() }
func (f *fakeItem) save(rec journalItem, _ durability) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.kept, f.records = rec, append(f.records, rec)
	return f.saveErr
}
func (f *fakeItem) saveAsync(rec journalItem) <-chan error {
	ch := make(chan error, 1)
	ch <- f.save(rec, onDisk)
	return ch
}
func (f *fakeItem) uploadBegins()  { f.mu.Lock(); f.began = true; f.mu.Unlock() }
func (f *fakeItem) report(e Event) { f.mu.Lock(); f.events = append(f.events, e); f.mu.Unlock() }
func (f *fakeItem) claimFinal(remote string, ifFree bool) bool {
	return f.heldByOther[remote]
}

func (f *fakeItem) kinds() []EventKind {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []EventKind
	for _, e := range f.events {
		if len(out) == 0 || out[len(out)-1] != e.Kind {
			out = append(out, e.Kind)
		}
	}
	return out
}

// newTestTransfer prepares a transfer of a local file with content to /in,
// as the service would after the check.
func newTestTransfer(t *testing.T, srv *fakeServer, content string, policy profile.ExistsPolicy) (*transfer, *fakeItem) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "a.al3")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(content))
	sess, err := srv.dial(context.Background(), transport.Config{})
	if err != nil {
		t.Fatal(err)
	}
	host := &fakeItem{heldByOther: map[string]bool{}}
	rec := journalItem{ID: "t1", Path: path, Profile: "p", RemoteDir: "/in", State: stateWaiting,
		Size: st.Size(), ModTime: st.ModTime(), SHA256: hex.EncodeToString(sum[:]), TempName: TempName("", "a.al3")}
	return &transfer{ctx: context.Background(), sess: sess, record: host, events: host, names: host,
		policy: policy, now: time.Now, rec: rec}, host
}

// The transfer alone, without a Service: upload under the temporary name,
// verify, the final name recorded before the rename, then the rename.
func TestTransferCarriesAFileWithoutAService(t *testing.T) {
	srv := newFakeServer()
	tr, host := newTestTransfer(t, srv, "AL3 content", profile.KeepBoth)
	res, pending, err := tr.run()
	if err != nil || pending == nil {
		t.Fatalf("run = %+v, %v, %v; want a pending rename", res, pending, err)
	}
	if !host.began {
		t.Error("the transfer did not say its upload began (the temporary file would not be cleaned up)")
	}
	if host.kept.State != stateRenaming || host.kept.FinalName != "a.al3" {
		t.Errorf("record before the rename = %+v, want renaming to a.al3", host.kept)
	}
	if _, ok := srv.file("/in/a.al3"); ok {
		t.Fatal("the file is under its final name before its name was recorded")
	}
	if want := []EventKind{EventUploading, EventVerifying}; !slices.Equal(host.kinds(), want) {
		t.Errorf("events = %v, want %v", host.kinds(), want)
	}
	res, err = pending.rename(context.Background(), tr.sess)
	if err != nil || res.remote != "/in/a.al3" {
		t.Fatalf("rename = %+v, %v", res, err)
	}
	if b, _ := srv.file("/in/a.al3"); string(b) != "AL3 content" {
		t.Errorf("on the server: %q", b)
	}
	if names := srv.listing(); len(names) != 1 {
		t.Errorf("server holds %v, want the final file only", names)
	}
}

// Keep both: a name on the server and a name another file of the service
// chose are both taken.
func TestTransferKeepBothSkipsTakenNames(t *testing.T) {
	srv := newFakeServer()
	srv.put("/in/a.al3", []byte("older"))
	tr, host := newTestTransfer(t, srv, "new", profile.KeepBoth)
	host.heldByOther["/in/a (2).al3"] = true
	_, pending, err := tr.run()
	if err != nil || pending == nil {
		t.Fatalf("run: %v", err)
	}
	if pending.final != "/in/a (3).al3" {
		t.Errorf("final name %s, want /in/a (3).al3", pending.final)
	}
}

// A file edited after its check is not sent.
func TestTransferRefusesAFileChangedSinceItsCheck(t *testing.T) {
	srv := newFakeServer()
	tr, _ := newTestTransfer(t, srv, "AL3 content", profile.KeepBoth)
	if err := os.WriteFile(tr.rec.Path, []byte("AL3 content, longer now"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := tr.run(); err == nil || classOf(err) != transport.ClassPermanent {
		t.Fatalf("run = %v, want a permanent failure (changed file)", err)
	}
	if names := srv.listing(); len(names) != 0 {
		t.Errorf("server holds %v", names)
	}
}

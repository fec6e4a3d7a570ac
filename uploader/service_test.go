package uploader

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"exchange/profile"
	"exchange/transport"
	"exchange/validate"
)

// fakeValidate calls a file invalid when it starts with "BAD" and warns when
// it starts with "WARN"; the real validators have their own tests.
func fakeValidate(_ context.Context, r io.ReaderAt, path string, size int64, _ profile.Profile) (*validate.Report, error) {
	b, err := io.ReadAll(io.NewSectionReader(r, 0, size))
	if err != nil {
		return nil, err
	}
	rep := &validate.Report{Path: path, Kind: validate.KindAL3, Valid: true, Size: int64(len(b))}
	switch {
	case bytes.HasPrefix(b, []byte("BAD")):
		rep.Valid = false
		rep.Findings = append(rep.Findings, validate.Finding{Rule: "test/bad", Severity: validate.SeverityError, Offset: 0, Text: "bad file"})
	case bytes.HasPrefix(b, []byte("WARN")):
		rep.Findings = append(rep.Findings, validate.Finding{Rule: "test/warn", Severity: validate.SeverityWarning, Offset: 0, Text: "odd file"})
	}
	return rep, nil
}

type recorder struct {
	mu     sync.Mutex
	events []Event
}

func (r *recorder) add(e Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

func (r *recorder) all() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}

// kinds returns the event kinds of one item, in order, with consecutive
// uploading events folded into one.
func (r *recorder) kinds(id ItemID) []EventKind {
	var out []EventKind
	for _, e := range r.all() {
		if e.Item != id {
			continue
		}
		if e.Kind == EventUploading && len(out) > 0 && out[len(out)-1] == EventUploading {
			continue
		}
		out = append(out, e.Kind)
	}
	return out
}

func (r *recorder) last(id ItemID) Event {
	evs := r.all()
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Item == id {
			return evs[i]
		}
	}
	return Event{}
}

func (r *recorder) batchDone() []Event {
	var out []Event
	for _, e := range r.all() {
		if e.Kind == EventBatchDone {
			out = append(out, e)
		}
	}
	return out
}

type harness struct {
	t       *testing.T
	dir     string // local files
	state   string // journal folder
	srv     *fakeServer
	journal *Journal
	svc     *Service
	rec     *recorder
	unsub   func()
	profile profile.Profile
	batches int // batch-done events seen before the current run
}

func testProfile() profile.Profile {
	return profile.Profile{Name: "test", Host: "fake.invalid", User: "clerk", RemoteDir: "/in", Connections: 2, MaxRetries: 3}
}

func newHarness(t *testing.T, srv *fakeServer, p profile.Profile, tweak func(*Options)) *harness {
	t.Helper()
	h := &harness{t: t, dir: t.TempDir(), state: t.TempDir(), srv: srv, profile: p}
	h.open(tweak)
	return h
}

func (h *harness) open(tweak func(*Options)) {
	h.t.Helper()
	j, err := OpenJournal(h.state)
	if err != nil {
		h.t.Fatal(err)
	}
	opts := Options{Journal: j, Validate: fakeValidate, Dial: h.srv.dial,
		Backoff: func(int) time.Duration { return 10 * time.Millisecond }}
	if tweak != nil {
		tweak(&opts)
	}
	svc, err := New(opts)
	if err != nil {
		h.t.Fatal(err)
	}
	h.journal, h.svc, h.rec, h.batches = j, svc, &recorder{}, 0
	h.unsub = svc.Subscribe(h.rec.add)
	svc.SetProfile(h.profile, "secret")
	h.t.Cleanup(h.close)
}

func (h *harness) close() {
	if h.svc == nil {
		return
	}
	_ = h.svc.Close()
	h.unsub()
	_ = h.journal.Close()
	h.svc = nil
}

func (h *harness) file(name, content string) string {
	h.t.Helper()
	p := filepath.Join(h.dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		h.t.Fatal(err)
	}
	return p
}

func (h *harness) run(paths ...string) []ItemID {
	h.t.Helper()
	h.batches = len(h.rec.batchDone())
	ids, err := h.svc.Add(paths...)
	if err != nil {
		h.t.Fatal(err)
	}
	h.svc.Start()
	h.wait()
	return ids
}

func (h *harness) wait() {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := h.svc.Wait(ctx); err != nil {
		h.t.Fatalf("batch did not finish: %v; items: %+v", err, h.svc.Items())
	}
	// Wait drains the state; let the subscriber catch up with the last events.
	deadline := time.Now().Add(5 * time.Second)
	for len(h.rec.batchDone()) <= h.batches && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}

func equalKinds(a []EventKind, b ...EventKind) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBatchSendsOnlyValidFilesUnderFinalNames(t *testing.T) {
	srv := newFakeServer()
	var partialUnderFinal []string
	srv.snapshot = func(names []string) {} // set below, after the files exist
	h := newHarness(t, srv, testProfile(), nil)
	contents := map[string]string{"a.al3": "AAAA data", "b.al3": "WARN but fine", "c.al3": strings.Repeat("c", 100000)}
	var paths []string
	for n, c := range contents {
		paths = append(paths, h.file(n, c))
	}
	bad := h.file("bad.al3", "BAD file")
	srv.mu.Lock()
	srv.snapshot = func(names []string) {
		for _, n := range names {
			if want, ok := contents[filepath.Base(n)]; ok && len(srv.files[n]) != len(want) {
				partialUnderFinal = append(partialUnderFinal, n)
			}
		}
	}
	srv.mu.Unlock()
	ids := h.run(append(paths, bad)...)

	for n, c := range contents {
		got, ok := srv.file("/in/" + n)
		if !ok || string(got) != c {
			t.Errorf("%s on the server: present %v, identical %v", n, ok, string(got) == c)
		}
	}
	if _, ok := srv.file("/in/bad.al3"); ok {
		t.Error("the invalid file reached the server")
	}
	if cmds := srv.commands("STOR"); len(cmds) != 3 {
		t.Errorf("STOR commands = %v, want 3 (never the invalid file)", cmds)
	}
	for _, n := range srv.listing() {
		if isTemp(n) {
			t.Errorf("temporary file left: %s", n)
		}
	}
	if len(partialUnderFinal) > 0 {
		t.Errorf("partial content seen under a final name: %v", partialUnderFinal)
	}
	for i, id := range ids[:3] {
		got := h.rec.kinds(id)
		if !equalKinds(got, EventQueued, EventValidating, EventWaiting, EventConnecting, EventUploading, EventVerifying, EventDone) &&
			!equalKinds(got, EventQueued, EventValidating, EventWaiting, EventUploading, EventVerifying, EventDone) {
			t.Errorf("file %d events = %v", i, got)
		}
		if e := h.rec.last(id); e.RemotePath == "" || e.Duration <= 0 {
			t.Errorf("done event without remote path or duration: %+v", e)
		}
	}
	if got := h.rec.kinds(ids[3]); !equalKinds(got, EventQueued, EventValidating, EventInvalid) {
		t.Errorf("invalid file events = %v", got)
	}
	if e := h.rec.last(ids[3]); e.Report == nil || e.Report.Valid {
		t.Errorf("invalid event without its report: %+v", e)
	}
	bd := h.rec.batchDone()
	if len(bd) != 1 || bd[0].Sent != 3 || bd[0].Invalid != 1 || bd[0].Failed != 0 {
		t.Errorf("batch-done = %+v", bd)
	}
	hist, err := h.journal.History(HistoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	outcomes := map[string]int{}
	for _, e := range hist {
		outcomes[e.Outcome]++
		if e.Outcome == OutcomeSent && (e.SHA256 == "" || e.RemotePath == "" || e.Finished.IsZero() || e.Profile != "test") {
			t.Errorf("incomplete history entry: %+v", e)
		}
	}
	if outcomes[OutcomeSent] != 3 || outcomes[OutcomeInvalid] != 1 {
		t.Errorf("history outcomes = %v", outcomes)
	}
	if dials := srv.commands("DIAL"); len(dials) > 2 {
		t.Errorf("%d connections for 2 workers: sessions are not reused", len(dials))
	}
}

func TestRejectWarningsProfile(t *testing.T) {
	p := testProfile()
	p.RejectWarnings = true
	h := newHarness(t, newFakeServer(), p, nil)
	ids := h.run(h.file("w.al3", "WARN x"))
	if e := h.rec.last(ids[0]); e.Kind != EventInvalid || !strings.Contains(e.Note, "warning") {
		t.Errorf("last event = %+v, want invalid because of the warning", e)
	}
}

func TestExistingFilePolicies(t *testing.T) {
	for _, tc := range []struct {
		policy   profile.ExistsPolicy
		want     map[string]string
		wantKind EventKind
	}{
		{profile.KeepBoth, map[string]string{"/in/r.al3": "old", "/in/r (2).al3": "new", "/in/r (3).al3": "newer"}, EventDone},
		{profile.Overwrite, map[string]string{"/in/r.al3": "newer"}, EventDone},
		{profile.Skip, map[string]string{"/in/r.al3": "old"}, EventSkipped},
	} {
		t.Run(string(tc.policy), func(t *testing.T) {
			srv := newFakeServer()
			srv.put("/in/r.al3", []byte("old"))
			p := testProfile()
			p.Exists = tc.policy
			h := newHarness(t, srv, p, nil)
			h.run(h.file("r.al3", "new"))
			// A second file of the same name from another folder, in another batch.
			other := filepath.Join(t.TempDir(), "r.al3")
			if err := os.WriteFile(other, []byte("newer"), 0o644); err != nil {
				t.Fatal(err)
			}
			ids := h.run(other)
			if tc.policy == profile.Overwrite {
				// the first upload replaced "old" with "new", the second "new" with "newer"
			}
			for name, want := range tc.want {
				if got, _ := srv.file(name); string(got) != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			if len(srv.listing()) != len(tc.want) {
				t.Errorf("server has %v, want exactly %v", srv.listing(), tc.want)
			}
			if k := h.rec.last(ids[0]).Kind; k != tc.wantKind {
				t.Errorf("last event %s, want %s", k, tc.wantKind)
			}
		})
	}
}

func TestSameNameInOneBatchKeepsBoth(t *testing.T) {
	srv := newFakeServer()
	h := newHarness(t, srv, testProfile(), nil)
	var paths []string
	for i := range 4 {
		d := filepath.Join(h.dir, fmt.Sprint(i))
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(d, "same.al3")
		if err := os.WriteFile(p, []byte(fmt.Sprintf("content %d", i)), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	h.run(paths...)
	seen := map[string]bool{}
	for _, n := range srv.listing() {
		b, _ := srv.file(n)
		seen[string(b)] = true
	}
	if len(srv.listing()) != 4 || len(seen) != 4 {
		t.Errorf("server has %v with %d distinct contents, want 4 and 4", srv.listing(), len(seen))
	}
}

func TestRetryableErrorIsRetried(t *testing.T) {
	srv := newFakeServer()
	failures := 2
	srv.fault = func(op, p string) error {
		if op == "STOR" && failures > 0 {
			failures--
			return &transport.Error{Op: "STOR " + p, Code: 426, Reply: "Connection closed; transfer aborted", Kind: transport.ClassRetryable}
		}
		return nil
	}
	h := newHarness(t, srv, testProfile(), nil)
	ids := h.run(h.file("a.al3", "hello"))
	got := h.rec.kinds(ids[0])
	retries := 0
	for _, k := range got {
		if k == EventRetrying {
			retries++
		}
	}
	if retries != 2 || got[len(got)-1] != EventDone {
		t.Errorf("events = %v, want 2 retries then done", got)
	}
	for _, e := range h.rec.all() {
		if e.Kind == EventRetrying && (e.RetryIn <= 0 || e.ErrClass != "retryable" || e.Err == "" || e.Attempt == 0) {
			t.Errorf("retrying event incomplete: %+v", e)
		}
	}
	if b, _ := srv.file("/in/a.al3"); string(b) != "hello" {
		t.Errorf("file on server = %q", b)
	}
}

func TestRetriesAreBounded(t *testing.T) {
	srv := newFakeServer()
	srv.fault = func(op, p string) error {
		if op == "STOR" {
			return &transport.Error{Op: "STOR " + p, Code: 421, Reply: "Too many users", Kind: transport.ClassRetryable}
		}
		return nil
	}
	p := testProfile()
	p.MaxRetries = 2
	h := newHarness(t, srv, p, nil)
	ids := h.run(h.file("a.al3", "hello"))
	if n := len(srv.commands("STOR")); n != 3 {
		t.Errorf("%d STOR attempts, want 1 + MaxRetries = 3", n)
	}
	if e := h.rec.last(ids[0]); e.Kind != EventFailed || e.ErrClass != "retryable" || e.Hint == "" {
		t.Errorf("last event = %+v", e)
	}
}

func TestPermanentErrorsAreNotRetried(t *testing.T) {
	for _, tc := range []struct {
		code  int
		class transport.Class
		hint  string
	}{
		{550, transport.ClassPermanent, "permission"},
		{552, transport.ClassPermanent, "room"},
		{452, transport.ClassPermanent, "room"},
	} {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			srv := newFakeServer()
			srv.fault = func(op, p string) error {
				if op == "STOR" {
					return &transport.Error{Op: "STOR " + p, Code: tc.code, Reply: "no", Kind: tc.class}
				}
				return nil
			}
			h := newHarness(t, srv, testProfile(), nil)
			ids := h.run(h.file("a.al3", "hello"))
			if n := len(srv.commands("STOR")); n != 1 {
				t.Errorf("%d STOR attempts, want 1", n)
			}
			e := h.rec.last(ids[0])
			if e.Kind != EventFailed || e.ErrClass != tc.class.String() || !strings.Contains(e.Hint, tc.hint) {
				t.Errorf("last event = %+v", e)
			}
			for _, n := range srv.listing() {
				if !isTemp(n) {
					t.Errorf("a file under its final name after a failure: %s", n)
				}
			}
		})
	}
}

func TestLoginFailureStopsTheProfile(t *testing.T) {
	srv := newFakeServer()
	srv.dialErr = &transport.Error{Op: "login", Code: 530, Reply: "Login incorrect", Kind: transport.ClassAuth}
	p := testProfile()
	p.Connections = 1
	h := newHarness(t, srv, p, nil)
	ids := h.run(h.file("a.al3", "a"), h.file("b.al3", "b"), h.file("c.al3", "c"))
	for _, id := range ids {
		if e := h.rec.last(id); e.Kind != EventFailed || e.ErrClass != "auth" || !strings.Contains(e.Hint, "password") {
			t.Errorf("last event = %+v", e)
		}
	}
	if srv.dials != 1 {
		t.Errorf("%d logins with a refused password, want 1", srv.dials)
	}
}

func TestResumeAfterClose(t *testing.T) {
	srv := newFakeServer()
	content := bytes.Repeat([]byte("0123456789"), 120000) // 1.2 MB: above resumeThreshold
	h := newHarness(t, srv, testProfile(), nil)
	path := h.file("big.al3", string(content))
	cut := make(chan struct{})
	var once sync.Once
	srv.onChunk = func(p string, written int64) error {
		if written >= 64<<10 {
			once.Do(func() { close(cut) })
			time.Sleep(time.Millisecond)
		}
		return nil
	}
	if _, err := h.svc.Add(path); err != nil {
		t.Fatal(err)
	}
	h.svc.Start()
	<-cut
	h.close() // like Ctrl-C: the temporary file stays
	srv.mu.Lock()
	srv.onChunk = nil
	partial := len(srv.files["/in/.big.al3.exchange-part"])
	srv.mu.Unlock()
	if partial == 0 || partial >= len(content) {
		t.Fatalf("temporary file has %d bytes after the interruption, want a part of %d", partial, len(content))
	}
	if _, ok := srv.file("/in/big.al3"); ok {
		t.Fatal("the final name exists after an interrupted upload")
	}

	h.open(nil)
	ids := h.run(path)
	if got, _ := srv.file("/in/big.al3"); !bytes.Equal(got, content) {
		t.Fatalf("final file differs: %d bytes, want %d", len(got), len(content))
	}
	stors := srv.commands("STOR")
	last := stors[len(stors)-1]
	if !strings.HasSuffix(last, fmt.Sprintf("@%d", partial)) {
		t.Errorf("second run sent %q, want a STOR at offset %d", last, partial)
	}
	if e := h.rec.last(ids[0]); e.Kind != EventDone || !strings.Contains(e.Note, "resumed") {
		t.Errorf("done event = %+v, want a note about resuming", e)
	}
}

func TestResumeFallsBackToAppend(t *testing.T) {
	srv := newFakeServer()
	srv.noRest = true
	content := strings.Repeat("x", 50000)
	h := newHarness(t, srv, testProfile(), nil)
	path := h.file("a.al3", content)
	srv.put("/in/.a.al3.exchange-part", []byte(content[:20000]))
	// Journal says the temporary file holds this content (as after a crash).
	ids, err := h.svc.Add(path)
	if err != nil {
		t.Fatal(err)
	}
	_ = ids
	h.close()
	markUploading(t, h.state, content)
	h.open(nil)
	h.run(path)
	if got, _ := srv.file("/in/a.al3"); string(got) != content {
		t.Fatalf("final file has %d bytes, want %d identical", len(got), len(content))
	}
	if len(srv.commands("APPE")) != 1 {
		t.Errorf("APPE not used after REST was refused: %v", srv.commands(""))
	}
}

// markUploading edits the journal as a run killed during the upload leaves it.
func markUploading(t *testing.T, state, content string) {
	t.Helper()
	j, err := OpenJournal(state)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	items, err := j.unfinished()
	if err != nil || len(items) != 1 {
		t.Fatalf("journal items %v, %v", items, err)
	}
	it := items[0]
	st, _ := statFile(it.Path)
	sum, _ := hashFile(it.Path, "sha256")
	it.State, it.Size, it.ModTime, it.SHA256, it.UploadSHA256 = stateUploading, st.Size, st.ModTime, sum, sum
	it.TempName = TempName("", filepath.Base(it.Path))
	if err := j.putItems(onDisk, it); err != nil {
		t.Fatal(err)
	}
}

func TestChangedFileStartsOver(t *testing.T) {
	srv := newFakeServer()
	h := newHarness(t, srv, testProfile(), nil)
	path := h.file("a.al3", strings.Repeat("x", 50000))
	srv.put("/in/.a.al3.exchange-part", bytes.Repeat([]byte("x"), 20000))
	if _, err := h.svc.Add(path); err != nil {
		t.Fatal(err)
	}
	h.close()
	markUploading(t, h.state, "")
	newContent := strings.Repeat("y", 60000)
	h.file("a.al3", newContent)
	h.open(nil)
	h.run(path)
	if got, _ := srv.file("/in/a.al3"); string(got) != newContent {
		t.Fatalf("final file is not the new content (%d bytes)", len(got))
	}
	for _, c := range srv.commands("STOR") {
		if !strings.HasSuffix(c, "@0") {
			t.Errorf("resumed a temporary file of older content: %s", c)
		}
	}
}

func TestInterruptedRenameIsCompletedNotResent(t *testing.T) {
	srv := newFakeServer()
	h := newHarness(t, srv, testProfile(), nil)
	content := "complete content"
	path := h.file("a.al3", content)
	if _, err := h.svc.Add(path); err != nil {
		t.Fatal(err)
	}
	h.close()
	// The earlier run renamed the file, then died before recording it.
	markUploading(t, h.state, content)
	j, _ := OpenJournal(h.state)
	items, _ := j.unfinished()
	items[0].State, items[0].FinalName = stateRenaming, "a.al3"
	_ = j.putItems(onDisk, items[0])
	_ = j.Close()
	srv.put("/in/a.al3", []byte(content))

	h.open(nil)
	ids := h.run(path)
	if n := len(srv.commands("STOR")); n != 0 {
		t.Errorf("the file was sent again (%d STOR)", n)
	}
	if e := h.rec.last(ids[0]); e.Kind != EventDone || e.RemotePath != "/in/a.al3" {
		t.Errorf("last event = %+v", e)
	}
	hist, _ := h.journal.History(HistoryQuery{})
	if len(hist) != 1 || hist[0].Outcome != OutcomeSent {
		t.Errorf("history = %+v, want the one send", hist)
	}
}

func TestSizeMismatchIsRetriedFromScratch(t *testing.T) {
	srv := newFakeServer()
	truncated := false
	srv.fault = func(op, p string) error {
		if op == "SIZE" && strings.HasSuffix(p, ".exchange-part") && !truncated {
			if b, ok := srv.files[p]; ok && len(b) > 10 {
				truncated = true
				srv.files[p] = b[:10] // what a server that lost the tail reports
			}
		}
		return nil
	}
	h := newHarness(t, srv, testProfile(), nil)
	content := strings.Repeat("z", 5000)
	ids := h.run(h.file("a.al3", content))
	if got, _ := srv.file("/in/a.al3"); string(got) != content {
		t.Fatalf("final file wrong (%d bytes)", len(got))
	}
	if kinds := fmt.Sprint(h.rec.kinds(ids[0])); !strings.Contains(kinds, "verifying retrying") || !strings.HasSuffix(kinds, "verifying done]") {
		t.Errorf("events = %v", h.rec.kinds(ids[0]))
	}
	stors := srv.commands("STOR")
	if len(stors) != 2 || !strings.HasSuffix(stors[1], "@0") {
		t.Errorf("STOR = %v, want a second full upload", stors)
	}
}

func TestHashMismatchIsCaught(t *testing.T) {
	srv := newFakeServer()
	srv.hash = true
	corrupt := true
	srv.onChunk = func(p string, written int64) error {
		srv.mu.Lock()
		defer srv.mu.Unlock()
		if corrupt {
			corrupt = false
			srv.files[p][0] ^= 0xff // same size, different bytes
		}
		return nil
	}
	h := newHarness(t, srv, testProfile(), nil)
	ids := h.run(h.file("a.al3", "hash me please"))
	if got, _ := srv.file("/in/a.al3"); string(got) != "hash me please" {
		t.Fatalf("final file = %q", got)
	}
	if len(srv.commands("HASH")) < 2 {
		t.Errorf("HASH not used: %v", srv.commands(""))
	}
	if kinds := h.rec.kinds(ids[0]); !strings.Contains(fmt.Sprint(kinds), "retrying") {
		t.Errorf("events = %v, want a retry after the hash mismatch", kinds)
	}
}

func TestDuplicatePolicies(t *testing.T) {
	for _, tc := range []struct {
		name     string
		policy   profile.DuplicatePolicy
		decide   func(Duplicate) bool
		wantKind EventKind
	}{
		{"skip", profile.DuplicateSkip, nil, EventSkipped},
		{"send", profile.DuplicateSend, nil, EventDone},
		{"ask-no-callback", profile.DuplicateAsk, nil, EventSkipped},
		{"ask-yes", profile.DuplicateAsk, func(Duplicate) bool { return true }, EventDone},
		{"ask-no", profile.DuplicateAsk, func(Duplicate) bool { return false }, EventSkipped},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeServer()
			p := testProfile()
			p.Duplicates = tc.policy
			var asked []Duplicate
			var mu sync.Mutex
			h := newHarness(t, srv, p, func(o *Options) {
				if tc.decide != nil {
					o.DecideDuplicate = func(_ context.Context, d Duplicate) bool {
						mu.Lock()
						asked = append(asked, d)
						mu.Unlock()
						return tc.decide(d)
					}
				}
			})
			h.run(h.file("a.al3", "same bytes"))
			copyPath := filepath.Join(t.TempDir(), "renamed copy.al3")
			if err := os.WriteFile(copyPath, []byte("same bytes"), 0o644); err != nil {
				t.Fatal(err)
			}
			ids := h.run(copyPath)
			e := h.rec.last(ids[0])
			if e.Kind != tc.wantKind {
				t.Fatalf("second send: %+v, want %s", e, tc.wantKind)
			}
			if !strings.Contains(e.Note+h.rec.all()[0].Note, "already sent") && tc.wantKind == EventSkipped {
				t.Errorf("skip without 'already sent' note: %+v", e)
			}
			if tc.decide != nil && (len(asked) != 1 || asked[0].SentAt.IsZero() || asked[0].RemotePath != "/in/a.al3") {
				t.Errorf("decision callback got %+v", asked)
			}
			if n := len(srv.commands("STOR")); (tc.wantKind == EventDone) != (n == 2) {
				t.Errorf("%d STOR for %s", n, tc.wantKind)
			}
		})
	}
}

// TestCloseWithADuplicateQuestionOpen: closing the service while a person is
// asked about a duplicate ends the question (its context) instead of waiting
// for ever, and the file stays queued for the next start, neither skipped nor
// sent.
func TestCloseWithADuplicateQuestionOpen(t *testing.T) {
	srv := newFakeServer()
	p := testProfile()
	p.Duplicates = profile.DuplicateAsk
	asked := make(chan struct{}, 1)
	h := newHarness(t, srv, p, func(o *Options) {
		o.DecideDuplicate = func(ctx context.Context, _ Duplicate) bool {
			asked <- struct{}{}
			<-ctx.Done() // nobody answers
			return true
		}
	})
	h.run(h.file("a.al3", "same bytes"))
	again := h.file("again.al3", "same bytes")
	if _, err := h.svc.Add(again); err != nil {
		t.Fatal(err)
	}
	h.svc.Start()
	select {
	case <-asked:
	case <-time.After(10 * time.Second):
		t.Fatal("the duplicate question was not asked")
	}
	closed := make(chan struct{})
	go func() { h.close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close waits for the unanswered duplicate question")
	}
	if n := len(srv.commands("STOR")); n != 1 {
		t.Errorf("%d STOR, want 1: the duplicate was sent while closing", n)
	}
	h.open(nil)
	ids := h.svc.Restore()
	if len(ids) != 1 {
		t.Fatalf("%d files back in the queue after the restart, want the one asked about", len(ids))
	}
	if items := h.svc.Items(); len(items) != 1 || items[0].Path != again {
		t.Errorf("restored %+v, want %s", items, again)
	}
}

func TestCancelRemovePauseResume(t *testing.T) {
	srv := newFakeServer()
	gate := make(chan struct{})
	started := make(chan string, 10)
	srv.onChunk = func(p string, written int64) error {
		select {
		case started <- p:
		default:
		}
		<-gate
		return nil
	}
	p := testProfile()
	p.Connections = 1
	h := newHarness(t, srv, p, nil)
	big := strings.Repeat("q", 100000)
	a, b, c := h.file("a.al3", big), h.file("b.al3", big+"b"), h.file("c.al3", big+"c")
	// a first, alone: files are checked in parallel, so a batch of three
	// could start with any of them.
	ids, err := h.svc.Add(a)
	if err != nil {
		t.Fatal(err)
	}
	h.svc.Start()
	if p := <-started; !strings.HasSuffix(p, "a.al3.exchange-part") {
		t.Fatalf("first upload %s, want a", p)
	}
	more, err := h.svc.Add(b, c)
	if err != nil {
		t.Fatal(err)
	}
	ids = append(ids, more...)
	// a is uploading: pause interrupts it; it goes back to waiting.
	h.svc.Pause()
	close(gate)
	time.Sleep(50 * time.Millisecond)
	if !h.svc.Paused() {
		t.Fatal("not paused")
	}
	if err := h.svc.Cancel(ids[1]); err != nil {
		t.Fatal(err)
	}
	if err := h.svc.Remove(ids[2]); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.commands("STOR")); n != 1 {
		t.Errorf("%d uploads started while paused", n)
	}
	h.svc.Resume()
	h.wait()
	if got, _ := srv.file("/in/a.al3"); string(got) != big {
		t.Errorf("a.al3 after pause and resume: %d bytes", len(got))
	}
	for _, n := range []string{"/in/b.al3", "/in/c.al3"} {
		if _, ok := srv.file(n); ok {
			t.Errorf("%s sent although canceled/removed", n)
		}
	}
	kinds := fmt.Sprint(h.rec.kinds(ids[0]))
	// Pause cuts the session (it may have been waiting for the server), so
	// the upload resumes on a new connection.
	if !strings.Contains(kinds, "uploading waiting connecting uploading") || !strings.HasSuffix(kinds, "done]") {
		t.Errorf("a events = %s; server log %v", kinds, srv.log)
	}
	if k := h.rec.last(ids[1]).Kind; k != EventCanceled {
		t.Errorf("b last event %s", k)
	}
	if k := h.rec.last(ids[2]).Kind; k != EventRemoved {
		t.Errorf("c last event %s", k)
	}
	if len(h.svc.Items()) != 2 {
		t.Errorf("items after remove: %+v", h.svc.Items())
	}
	var paused, resumed bool
	for _, e := range h.rec.all() {
		paused = paused || e.Kind == EventPaused
		resumed = resumed || e.Kind == EventResumed
	}
	if !paused || !resumed {
		t.Errorf("paused %v resumed %v events", paused, resumed)
	}
	h.batches = len(h.rec.batchDone())
	if err := h.svc.Retry(ids[1]); err != nil {
		t.Fatal(err)
	}
	h.wait()
	if got, _ := srv.file("/in/b.al3"); string(got) != big+"b" {
		t.Errorf("b.al3 after Retry: %d bytes; events %v", len(got), h.rec.kinds(ids[1]))
	}
}

func TestCancelWhileUploadingDeletesTemp(t *testing.T) {
	srv := newFakeServer()
	started := make(chan struct{})
	var once sync.Once
	srv.onChunk = func(p string, written int64) error {
		once.Do(func() { close(started) })
		time.Sleep(time.Millisecond)
		return nil
	}
	h := newHarness(t, srv, testProfile(), nil)
	ids, _ := h.svc.Add(h.file("a.al3", strings.Repeat("c", 1<<20)))
	h.svc.Start()
	<-started
	if err := h.svc.Cancel(ids[0]); err != nil {
		t.Fatal(err)
	}
	h.wait()
	if e := h.rec.last(ids[0]); e.Kind != EventCanceled {
		t.Errorf("last event %+v", e)
	}
	if l := srv.listing(); len(l) != 0 {
		t.Errorf("server has %v after cancel", l)
	}
}

func TestUploadingEventsAreThrottled(t *testing.T) {
	srv := newFakeServer()
	srv.onChunk = func(string, int64) error { time.Sleep(2 * time.Millisecond); return nil }
	h := newHarness(t, srv, testProfile(), nil)
	ids := h.run(h.file("a.al3", strings.Repeat("t", 400*8<<10))) // 400 chunks, about a second
	var times []time.Time
	var lastBytes int64
	for _, e := range h.rec.all() {
		if e.Item == ids[0] && e.Kind == EventUploading {
			times = append(times, e.Time)
			if e.Bytes < lastBytes || e.Total != 400*8<<10 {
				t.Errorf("uploading event out of order or without total: %+v", e)
			}
			lastBytes = e.Bytes
			if len(times) > 1 && (e.Rate <= 0 || e.ETA < 0) {
				t.Errorf("no rate/ETA: %+v", e)
			}
		}
	}
	if len(times) < 3 {
		t.Fatalf("only %d uploading events", len(times))
	}
	for i := 2; i < len(times); i++ {
		if d := times[i].Sub(times[i-1]); d < progressInterval {
			t.Errorf("two uploading events %v apart, want at least %v", d, progressInterval)
		}
	}
}

func TestSlowSubscriberDoesNotBlockWorkers(t *testing.T) {
	srv := newFakeServer()
	h := newHarness(t, srv, testProfile(), nil)
	release := make(chan struct{})
	slow := h.svc.Subscribe(func(Event) { <-release })
	var paths []string
	for i := range 20 {
		paths = append(paths, h.file(fmt.Sprintf("f%d.al3", i), fmt.Sprint(i)))
	}
	ids, _ := h.svc.Add(paths...)
	h.svc.Start()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.svc.Wait(ctx); err != nil {
		t.Fatal("a blocked subscriber held the workers up")
	}
	close(release)
	slow()
	if len(srv.listing()) != len(ids) {
		t.Errorf("%d files on the server", len(srv.listing()))
	}
}

func TestEventsChannel(t *testing.T) {
	h := newHarness(t, newFakeServer(), testProfile(), nil)
	ch, stop := h.svc.Events()
	h.run(h.file("a.al3", "x"))
	var kinds []EventKind
	for e := range ch {
		kinds = append(kinds, e.Kind)
		if e.Kind == EventBatchDone {
			break
		}
	}
	stop()
	if kinds[len(kinds)-1] != EventBatchDone || kinds[0] != EventQueued {
		t.Errorf("channel events = %v", kinds)
	}
}

func TestSetProfileAppliesToNextConnection(t *testing.T) {
	srv := newFakeServer()
	p := testProfile()
	p.Connections = 1
	h := newHarness(t, srv, p, nil)
	h.run(h.file("a.al3", "a"))
	p.Mode = "active"
	h.svc.SetProfile(p, "secret")
	h.run(h.file("b.al3", "b"))
	dials := srv.commands("DIAL")
	if len(dials) != 2 || dials[0] != "DIAL passive" || dials[1] != "DIAL active" {
		t.Errorf("dials = %v", dials)
	}
}

func TestAddTwiceAddsOnce(t *testing.T) {
	srv := newFakeServer()
	h := newHarness(t, srv, testProfile(), nil)
	a := h.file("a.al3", "a")
	ids1, _ := h.svc.Add(a)
	ids2, _ := h.svc.Add(a)
	if ids1[0] != ids2[0] {
		t.Errorf("same file added twice as %s and %s", ids1[0], ids2[0])
	}
	h.svc.Start()
	h.wait()
	if n := len(srv.commands("STOR")); n != 1 {
		t.Errorf("%d STOR", n)
	}
}

func TestUnreadableFileFails(t *testing.T) {
	h := newHarness(t, newFakeServer(), testProfile(), nil)
	ids := h.run(filepath.Join(h.dir, "missing.al3"))
	e := h.rec.last(ids[0])
	var le *LocalError
	if e.Kind != EventFailed || e.ErrClass != "permanent" || !strings.Contains(e.Hint, "could not read") {
		t.Errorf("last event = %+v", e)
	}
	_ = errors.As(nil, &le)
}

// TestRetryOfAnEarlyFileAfterLaterOnesFinished: workers skip the files at the
// top of the list that have ended; a file there that is retried is sent all
// the same.
func TestRetryOfAnEarlyFileAfterLaterOnesFinished(t *testing.T) {
	srv := newFakeServer()
	// The duplicate question for b.al3 added again stays open until the test
	// ends, so that b is still queued when it is added a second time (it was
	// sometimes skipped as already sent before that, and came back new).
	release := make(chan struct{})
	defer close(release)
	h := newHarness(t, srv, testProfile(), func(o *Options) {
		o.DecideDuplicate = func(ctx context.Context, _ Duplicate) bool {
			select {
			case <-release:
			case <-ctx.Done():
			}
			return false
		}
	})
	a, b, c := h.file("a.al3", "first"), h.file("b.al3", "second"), h.file("c.al3", "third")
	ids, err := h.svc.Add(a, b, c)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.svc.Cancel(ids[0]); err != nil { // before Start: a ends at the top
		t.Fatal(err)
	}
	h.svc.Start()
	h.wait()
	for _, n := range []string{"/in/b.al3", "/in/c.al3"} {
		if _, ok := srv.file(n); !ok {
			t.Fatalf("%s was not sent", n)
		}
	}
	if _, ok := srv.file("/in/a.al3"); ok {
		t.Fatal("a.al3 was sent although canceled")
	}
	h.batches = len(h.rec.batchDone())
	if err := h.svc.Retry(ids[0]); err != nil {
		t.Fatal(err)
	}
	h.wait()
	if got, ok := srv.file("/in/a.al3"); !ok || string(got) != "first" {
		t.Errorf("a.al3 after Retry: %q (sent %v); events %v", got, ok, h.rec.kinds(ids[0]))
	}
	// Adding a finished file again makes a new item; adding it while it is
	// queued returns the queued one.
	again, err := h.svc.Add(b)
	if err != nil || len(again) != 1 || again[0] == ids[1] {
		t.Errorf("adding a sent file again = %v, %v; want a new item", again, err)
	}
	twice, err := h.svc.Add(b)
	if err != nil || len(twice) != 1 || twice[0] != again[0] {
		t.Errorf("adding a queued file again = %v, %v; want the queued item %s", twice, err, again[0])
	}
}

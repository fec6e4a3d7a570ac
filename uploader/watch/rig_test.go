package watch_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/profile"
	"exchange/uploader"
	"exchange/uploader/watch"
	"exchange/validate"
	"exchange/validate/al3/al3gen"
)

// rig runs one watch against a real server: a journal in a state folder, a
// service with the real validation, and the watch, stopped and started again
// as the command would be.
type rig struct {
	t       *testing.T
	state   string
	opts    watch.Options
	journal *uploader.Journal
	svc     *uploader.Service
	w       *watch.Watch
	cancel  context.CancelFunc
	done    chan error

	password string
	// wrap, when set, stands between the watch and the service.
	wrap func(watch.Queue) watch.Queue

	mu     sync.Mutex
	events []watch.Event
}

func testProfile(srv *ftptest.Server) profile.Profile {
	return profile.Profile{Name: "watch test", Host: "127.0.0.1", Port: srv.Port, User: srv.User,
		Connections: 2, MaxRetries: 3, TimeoutSeconds: 10, Duplicates: profile.DuplicateSkip}.WithDefaults()
}

func realValidate(_ context.Context, r io.ReaderAt, path string, size int64, _ profile.Profile) (*validate.Report, error) {
	return validate.Reader(r, path, size, validate.Options{})
}

func newRig(t *testing.T, srv *ftptest.Server, opts watch.Options) *rig {
	t.Helper()
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	if opts.Profile.Name == "" {
		opts.Profile = testProfile(srv)
	}
	r := &rig{t: t, state: t.TempDir(), opts: opts, password: srv.Password}
	t.Cleanup(r.stop)
	return r
}

// start opens the journal and the service and runs the watch.
func (r *rig) start() {
	r.t.Helper()
	j, err := uploader.OpenJournal(r.state)
	if err != nil {
		r.t.Fatal(err)
	}
	svc, err := uploader.New(uploader.Options{Journal: j, Validate: realValidate,
		Backoff: func(int) time.Duration { return 200 * time.Millisecond }})
	if err != nil {
		r.t.Fatal(err)
	}
	svc.SetProfile(r.opts.Profile, r.password)
	svc.Start()
	q := watch.SingleProfile(svc, r.opts.Profile.Name)
	if r.wrap != nil {
		q = r.wrap(q)
	}
	w, err := watch.New(r.opts, q, j, r.record)
	if err != nil {
		r.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.journal, r.svc, r.w, r.cancel, r.done = j, svc, w, cancel, make(chan error, 1)
	go func() { r.done <- w.Run(ctx) }()
}

// stop ends the watch, then the service (which parks what is in flight),
// then the journal.
func (r *rig) stop() {
	if r.cancel == nil {
		return
	}
	r.cancel()
	if err := <-r.done; err != nil {
		r.t.Errorf("watch: %v", err)
	}
	_ = r.svc.Close()
	_ = r.journal.Close()
	r.cancel = nil
}

func (r *rig) record(e watch.Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

// count is how many events of kind k name a file called name.
func (r *rig) count(k watch.EventKind, name string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.events {
		if e.Kind == k && filepath.Base(e.Path) == name {
			n++
		}
	}
	return n
}

func (r *rig) eventsText() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, e := range r.events {
		fmt.Fprintf(&b, "%s %s %s %s %s\n", e.Kind, filepath.Base(e.Path), e.MovedTo, e.Reason, e.Note)
	}
	return b.String()
}

// waitFor polls cond until it holds, within a wait that scales with the machine.
func (r *rig) waitFor(what string, limit time.Duration, cond func() bool) {
	r.t.Helper()
	deadline := time.Now().Add(ftptest.Scaled(limit))
	for !cond() {
		if time.Now().After(deadline) {
			r.t.Fatalf("%s: not after %v\nevents:\n%s", what, ftptest.Scaled(limit), r.eventsText())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// validAL3 is a valid AL3 file of about size bytes whose content is unique to n.
func validAL3(n int, size int64) []byte {
	b := al3gen.New(al3gen.CRLF)
	b.Header(161)
	date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n).Format("20060102")
	for i := 0; i == 0 || b.Len()+2000 < size; i++ {
		b.Policy(al3gen.Txn{Date: date, Sender: fmt.Sprintf("SENDER%06d", n)}, 1+i%3)
	}
	b.Trailer()
	return b.Bytes()
}

// serverFiles lists the files on the server (not its temporary ones).
func serverFiles(t *testing.T, srv *ftptest.Server) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(srv.Dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".exchange-part") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(srv.Dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = data
	}
	return out
}

// arrivedOnce waits until every wanted file is on the server, then checks
// that nothing else is: each exactly once, byte-identical.
func (r *rig) arrivedOnce(srv *ftptest.Server, want map[string][]byte, limit time.Duration) {
	r.t.Helper()
	r.waitFor(fmt.Sprintf("%d file(s) on the server", len(want)), limit, func() bool {
		got := serverFiles(r.t, srv)
		for name := range want {
			if _, ok := got[name]; !ok {
				return false
			}
		}
		return true
	})
	got := serverFiles(r.t, srv)
	for name, data := range got {
		w, ok := want[name]
		switch {
		case !ok:
			r.t.Errorf("unexpected file on the server: %q (%d bytes)", name, len(data))
		case !bytes.Equal(w, data):
			r.t.Errorf("%s differs on the server: %d bytes, want %d", name, len(data), len(w))
		}
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

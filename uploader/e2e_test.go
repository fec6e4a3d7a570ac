package uploader_test

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

	"exchange/profile"
	"exchange/uploader"
	"exchange/validate"
	"exchange/validate/al3/al3gen"
)

// validAL3 returns a valid AL3 file of about size bytes whose content is
// unique to n (transaction dates and sender differ), so that duplicate
// detection does not take files for one another.
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

func realValidate(_ context.Context, r io.ReaderAt, path string, size int64, _ profile.Profile) (*validate.Report, error) {
	return validate.Reader(r, path, size, validate.Options{})
}

// finalWatch polls a server folder and records any file under a final name
// (not a temporary one) whose size is not the complete size.
type finalWatch struct {
	mu         sync.Mutex
	violations []string
	stop       chan struct{}
	done       chan struct{}
}

func watchFinalNames(dir string, want map[string]int64) *finalWatch {
	w := &finalWatch{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for {
			select {
			case <-w.stop:
				return
			default:
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				size, ok := want[e.Name()]
				if !ok {
					continue
				}
				if info, err := e.Info(); err == nil && info.Size() != size {
					w.mu.Lock()
					w.violations = append(w.violations, fmt.Sprintf("%s with %d of %d bytes", e.Name(), info.Size(), size))
					w.mu.Unlock()
				}
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	return w
}

func (w *finalWatch) finish(t *testing.T) {
	t.Helper()
	close(w.stop)
	<-w.done
	if len(w.violations) > 0 {
		t.Errorf("partial files seen under final names: %v", w.violations[:min(5, len(w.violations))])
	}
}

type e2e struct {
	t       *testing.T
	journal *uploader.Journal
	svc     *uploader.Service
	mu      sync.Mutex
	events  []uploader.Event
	unsub   func()
}

func newE2E(t *testing.T, state string, p profile.Profile, backoff time.Duration) *e2e {
	t.Helper()
	return newE2EWithPassword(t, state, p, "secret", backoff)
}

func newE2EWithPassword(t *testing.T, state string, p profile.Profile, password string, backoff time.Duration) *e2e {
	t.Helper()
	j, err := uploader.OpenJournal(state)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := uploader.New(uploader.Options{Journal: j, Validate: realValidate,
		Backoff: func(int) time.Duration { return backoff }})
	if err != nil {
		t.Fatal(err)
	}
	x := &e2e{t: t, journal: j, svc: svc}
	x.unsub = svc.Subscribe(func(e uploader.Event) {
		x.mu.Lock()
		x.events = append(x.events, e)
		x.mu.Unlock()
	})
	svc.SetProfile(p, password)
	t.Cleanup(x.close)
	return x
}

func (x *e2e) close() {
	if x.svc == nil {
		return
	}
	_ = x.svc.Close()
	x.unsub()
	_ = x.journal.Close()
	x.svc = nil
}

func (x *e2e) batches() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	n := 0
	for _, e := range x.events {
		if e.Kind == uploader.EventBatchDone {
			n++
		}
	}
	return n
}

// wait waits for the batch to finish and its batch-done event to be delivered.
func (x *e2e) wait(timeout time.Duration, before int) {
	x.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := x.svc.Wait(ctx); err != nil {
		x.t.Fatalf("batch not finished after %v: %+v", timeout, x.svc.Items())
	}
	for x.batches() <= before {
		if ctx.Err() != nil {
			x.t.Fatal("no batch-done event")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (x *e2e) run(timeout time.Duration, paths ...string) []uploader.ItemID {
	x.t.Helper()
	before := x.batches()
	ids, err := x.svc.Add(paths...)
	if err != nil {
		x.t.Fatal(err)
	}
	x.svc.Start()
	x.wait(timeout, before)
	return ids
}

func (x *e2e) final(id uploader.ItemID) uploader.Event {
	for _, it := range x.svc.Items() {
		if it.ID == id {
			return uploader.Event{Kind: it.State, RemotePath: it.RemotePath, Err: it.Err, Note: it.Note}
		}
	}
	return uploader.Event{}
}

func (x *e2e) kinds(id uploader.ItemID) string {
	x.mu.Lock()
	defer x.mu.Unlock()
	var out []string
	for _, e := range x.events {
		if e.Item == id && (len(out) == 0 || out[len(out)-1] != string(e.Kind)) {
			k := string(e.Kind)
			if e.Err != "" {
				k += "(" + e.Err + ")"
			}
			out = append(out, k)
		}
	}
	return strings.Join(out, " ")
}

func localProfile(port int, dir string) profile.Profile {
	return profile.Profile{Name: "local test", Host: "127.0.0.1", Port: port, User: "clerk", RemoteDir: dir,
		Connections: 2, MaxRetries: 5, TimeoutSeconds: 10}
}

func writeFiles(t *testing.T, dir string, files map[string][]byte) []string {
	t.Helper()
	var paths []string
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// checkArrived asserts that exactly the wanted files are in dir, byte-identical, and nothing else.
func checkArrived(t *testing.T, dir string, want map[string][]byte) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range entries {
		got[e.Name()] = true
		data, ok := want[e.Name()]
		if !ok {
			t.Errorf("unexpected file on the server: %s", e.Name())
			continue
		}
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		if !bytes.Equal(b, data) {
			t.Errorf("%s differs on the server: %d bytes, want %d", e.Name(), len(b), len(data))
		}
	}
	for name := range want {
		if !got[name] {
			t.Errorf("%s did not arrive", name)
		}
	}
}

func TestEndToEndOnlyValidFilesArrive(t *testing.T) {
	root := t.TempDir()
	srv := startTestFTP(t, root)
	local := t.TempDir()
	valid := map[string][]byte{
		"policy-1.al3": validAL3(1, 4<<10),
		"policy-2.al3": validAL3(2, 64<<10),
		"policy-3.dat": validAL3(3, 1<<20),
	}
	invalid := map[string][]byte{
		"notes.txt":     []byte("this is not an AL3 file\n"),
		"truncated.al3": validAL3(4, 8<<10)[:5000],
	}
	paths := append(writeFiles(t, local, valid), writeFiles(t, local, invalid)...)
	sizes := map[string]int64{}
	for n, d := range valid {
		sizes[n] = int64(len(d))
	}
	watch := watchFinalNames(filepath.Join(root, "in"), sizes)
	x := newE2E(t, t.TempDir(), localProfile(srv.port, "/in"), 50*time.Millisecond)
	ids := x.run(60*time.Second, paths...)
	watch.finish(t)
	checkArrived(t, filepath.Join(root, "in"), valid)
	for i, id := range ids {
		kinds := x.kinds(id)
		if i < len(valid) && !strings.HasSuffix(kinds, "verifying done") || i >= len(valid) && !strings.HasSuffix(kinds, "validating invalid") {
			t.Errorf("%s: events %s", paths[i], kinds)
		}
	}
}

func TestEndToEndServerRestartMidUploadResumes(t *testing.T) {
	root := t.TempDir()
	srv := startTestFTP(t, root)
	srv.throttle.Store(4 << 20) // 4 MB/s: the 12 MB file takes 3 s
	local := t.TempDir()
	data := map[string][]byte{"big.al3": validAL3(10, 12<<20)}
	paths := writeFiles(t, local, data)
	watch := watchFinalNames(filepath.Join(root, "in"), map[string]int64{"big.al3": int64(len(data["big.al3"]))})
	x := newE2E(t, t.TempDir(), localProfile(srv.port, "/in"), 300*time.Millisecond)
	ids, err := x.svc.Add(paths...)
	if err != nil {
		t.Fatal(err)
	}
	x.svc.Start()
	temp := filepath.Join(root, "in", uploader.TempName("", "big.al3"))
	deadline := time.Now().Add(20 * time.Second)
	for {
		if st, err := os.Stat(temp); err == nil && st.Size() > 2<<20 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the upload never got going")
		}
		time.Sleep(10 * time.Millisecond)
	}
	srv.stop()
	st, _ := os.Stat(temp)
	cutAt := st.Size()
	time.Sleep(500 * time.Millisecond)
	srv.throttle.Store(0)
	srv.start()
	x.wait(60*time.Second, 0)
	watch.finish(t)
	checkArrived(t, filepath.Join(root, "in"), data)
	kinds := x.kinds(ids[0])
	if !strings.Contains(kinds, "retrying") || !strings.HasSuffix(kinds, "done") {
		t.Errorf("events %s, want a retry then done", kinds)
	}
	if it := x.final(ids[0]); !strings.Contains(it.Note, "resumed at") {
		t.Errorf("done without resuming (cut at %d bytes): note %q", cutAt, it.Note)
	}
}

func TestEndToEndReadOnlyFolderIsNotRetried(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "ro"), 0o755); err != nil {
		t.Fatal(err)
	}
	srv := startTestFTP(t, root)
	paths := writeFiles(t, t.TempDir(), map[string][]byte{"a.al3": validAL3(20, 4<<10)})
	x := newE2E(t, t.TempDir(), localProfile(srv.port, "/ro"), 10*time.Millisecond)
	ids := x.run(30*time.Second, paths...)
	kinds := x.kinds(ids[0])
	if strings.Contains(kinds, "retrying") || !strings.Contains(kinds, " failed(") {
		t.Errorf("events %s, want failed without retries", kinds)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, e := range x.events {
		if e.Kind == uploader.EventFailed && (e.ErrClass != "permanent" || !strings.Contains(e.Hint, "permission")) {
			t.Errorf("failed event: class %q hint %q err %q", e.ErrClass, e.Hint, e.Err)
		}
	}
}

func TestEndToEndDuplicateIsSkipped(t *testing.T) {
	root := t.TempDir()
	srv := startTestFTP(t, root)
	data := validAL3(30, 4<<10)
	first := writeFiles(t, t.TempDir(), map[string][]byte{"a.al3": data})
	second := writeFiles(t, t.TempDir(), map[string][]byte{"copy of a.al3": data})
	p := localProfile(srv.port, "/in")
	p.Duplicates = profile.DuplicateSkip
	x := newE2E(t, t.TempDir(), p, 10*time.Millisecond)
	x.run(30*time.Second, first...)
	ids := x.run(30*time.Second, second...)
	if it := x.final(ids[0]); it.Kind != uploader.EventSkipped || !strings.Contains(it.Note, "already sent on") {
		t.Errorf("second copy: %+v", it)
	}
	checkArrived(t, filepath.Join(root, "in"), map[string][]byte{"a.al3": data})
}

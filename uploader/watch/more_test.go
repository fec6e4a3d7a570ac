//go:build unix

package watch_test

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/profile"
	"exchange/uploader"
	"exchange/uploader/watch"
)

// burstSize is how many files the burst test drops at once:
// EXCHANGE_WATCH_BURST (bench/watch.sh sets 1000), else 200.
func burstSize() int {
	if n, err := strconv.Atoi(os.Getenv("EXCHANGE_WATCH_BURST")); err == nil && n > 0 {
		return n
	}
	return 200
}

// A burst of small files: each arrives once, byte-identical, and each moves
// to Sent/.
func TestBurstOfSmallFiles(t *testing.T) {
	srv := startServer(t, ftptest.VSFTPD)
	r := newRig(t, srv, watch.Options{Settle: testSettle})
	p := testProfile(srv)
	p.Connections = 4
	r.opts.Profile = p
	r.start()
	n := burstSize()
	want := map[string][]byte{}
	for i := range n {
		name := fmt.Sprintf("B%04d.AL3", i)
		want[name] = validAL3(1000+i, 2<<10)
		writeFile(t, filepath.Join(r.opts.Dir, name), want[name])
	}
	r.arrivedOnce(srv, want, time.Duration(n)*200*time.Millisecond+30*time.Second)
	r.waitFor("all moved to Sent/", 30*time.Second, func() bool {
		entries, _ := os.ReadDir(filepath.Join(r.opts.Dir, watch.SentFolder))
		return len(entries) == n
	})
	for name := range want {
		if c := r.count(watch.EventTaken, name); c != 1 {
			t.Errorf("%s taken %d times", name, c)
		}
	}
}

// switchProxy forwards connections to the server while up; while down it
// hangs up on every connection at once, like a server that is not running.
type switchProxy struct {
	ln     net.Listener
	target string
	up     atomic.Bool
	wg     sync.WaitGroup
}

func newSwitchProxy(t *testing.T, target string) *switchProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &switchProxy{ln: ln, target: target}
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.wg.Wait() })
	return p
}

func (p *switchProxy) port() int { return p.ln.Addr().(*net.TCPAddr).Port }

func (p *switchProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if !p.up.Load() {
			c.Close()
			continue
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.wg.Add(2)
		go func() { defer p.wg.Done(); _, _ = io.Copy(s, c); s.Close() }()
		go func() { defer p.wg.Done(); _, _ = io.Copy(c, s); c.Close() }()
	}
}

// A file dropped while the server is down waits in the folder (never in
// Failed/) and is sent once the server is back.
func TestFileDroppedWhileTheServerIsDownIsSentWhenItComesBack(t *testing.T) {
	srv := startServer(t, ftptest.FTPServerLib)
	proxy := newSwitchProxy(t, fmt.Sprintf("127.0.0.1:%d", srv.Port))
	p := testProfile(srv)
	p.Port, p.MaxRetries = proxy.port(), 1
	r := newRig(t, srv, watch.Options{Settle: testSettle, Profile: p, RetryAfter: time.Second})
	r.start()
	data := validAL3(7, 16<<10)
	path := filepath.Join(r.opts.Dir, "DOWN.AL3")
	writeFile(t, path, data)
	r.waitFor("told it waits for the server", 30*time.Second, func() bool { return r.count(watch.EventWaiting, "DOWN.AL3") >= 2 })
	if !exists(path) || exists(filepath.Join(r.opts.Dir, watch.FailedFolder)) {
		t.Fatalf("the file did not stay in the folder:\n%s", r.eventsText())
	}
	proxy.up.Store(true)
	r.arrivedOnce(srv, map[string][]byte{"DOWN.AL3": data}, 30*time.Second)
	r.waitFor("moved to Sent/", 10*time.Second, func() bool { return exists(filepath.Join(r.opts.Dir, watch.SentFolder, "DOWN.AL3")) })
}

// dropDone hides the service's "done" events from the watch: the run ends
// between the send and the after-policy, as a kill -9 at that moment would.
type dropDone struct{ watch.Queue }

func (d dropDone) Subscribe(fn func(uploader.Event)) func() {
	return d.Queue.Subscribe(func(e uploader.Event) {
		if e.Kind != uploader.EventDone {
			fn(e)
		}
	})
}

// A file sent just before the watch stopped, not yet moved: the next start
// finds it in the history and moves it to Sent/ without sending it again,
// even with a profile that sends duplicates.
func TestSentButNotMovedIsNotSentAgainAfterARestart(t *testing.T) {
	srv := startServer(t, ftptest.FTPServerLib)
	p := testProfile(srv)
	p.Duplicates = profile.DuplicateSend
	r := newRig(t, srv, watch.Options{Settle: testSettle, Profile: p})
	r.wrap = func(q watch.Queue) watch.Queue { return dropDone{q} }
	r.start()
	data := validAL3(8, 8<<10)
	writeFile(t, filepath.Join(r.opts.Dir, "ONCE.AL3"), data)
	r.arrivedOnce(srv, map[string][]byte{"ONCE.AL3": data}, 20*time.Second)
	r.waitFor("the history has it", 10*time.Second, func() bool {
		h, _ := r.journal.History(uploader.HistoryQuery{})
		return len(h) == 1
	})
	r.stop()
	if !exists(filepath.Join(r.opts.Dir, "ONCE.AL3")) {
		t.Fatal("the first run moved the file: the test did not stop it in time")
	}
	r.wrap = nil
	r.start()
	r.waitFor("moved to Sent/", 20*time.Second, func() bool { return exists(filepath.Join(r.opts.Dir, watch.SentFolder, "ONCE.AL3")) })
	time.Sleep(testSettle)
	r.arrivedOnce(srv, map[string][]byte{"ONCE.AL3": data}, time.Second)
	h, _ := r.journal.History(uploader.HistoryQuery{})
	if len(h) != 1 {
		t.Errorf("history has %d entries, want 1: %+v", len(h), h)
	}
}

// After-policy keep: the file stays, is not sent again by the sweeps nor
// after a restart (even to a profile that sends duplicates); changed, it is
// sent again.
func TestKeepSendsEachVersionOnceAcrossRestarts(t *testing.T) {
	srv := startServer(t, ftptest.FTPServerLib)
	p := testProfile(srv)
	p.Duplicates = profile.DuplicateSend
	r := newRig(t, srv, watch.Options{Settle: testSettle, Profile: p, After: watch.AfterKeep, SweepEvery: 300 * time.Millisecond})
	r.start()
	path := filepath.Join(r.opts.Dir, "KEEP.AL3")
	v1 := validAL3(9, 8<<10)
	writeFile(t, path, v1)
	r.arrivedOnce(srv, map[string][]byte{"KEEP.AL3": v1}, 20*time.Second)
	r.waitFor("handled", 10*time.Second, func() bool { return r.count(watch.EventSent, "KEEP.AL3") == 1 })
	time.Sleep(2 * testSettle) // sweeps and checks go by
	r.stop()
	r.start()
	time.Sleep(2 * testSettle)
	if n := r.count(watch.EventTaken, "KEEP.AL3"); n != 1 {
		t.Fatalf("taken %d times, want once:\n%s", n, r.eventsText())
	}
	v2 := validAL3(10, 8<<10)
	writeFile(t, path, v2)
	r.arrivedOnce(srv, map[string][]byte{"KEEP.AL3": v1, "KEEP (2).AL3": v2}, 20*time.Second)
	if !exists(path) {
		t.Error("keep removed the file")
	}
}

// After-policy delete: a sent file is deleted; an invalid one still goes to Failed/.
func TestDeleteRemovesSentFilesOnly(t *testing.T) {
	srv := startServer(t, ftptest.FTPServerLib)
	r := newRig(t, srv, watch.Options{Settle: testSettle, After: watch.AfterDelete})
	r.start()
	data := validAL3(11, 8<<10)
	writeFile(t, filepath.Join(r.opts.Dir, "GONE.AL3"), data)
	writeFile(t, filepath.Join(r.opts.Dir, "BAD.AL3"), []byte("not an AL3 file\r\n"))
	r.arrivedOnce(srv, map[string][]byte{"GONE.AL3": data}, 20*time.Second)
	r.waitFor("deleted", 10*time.Second, func() bool { return !exists(filepath.Join(r.opts.Dir, "GONE.AL3")) })
	r.waitFor("bad in Failed/", 10*time.Second, func() bool {
		return exists(filepath.Join(r.opts.Dir, watch.FailedFolder, "BAD.AL3.error.txt"))
	})
	if exists(filepath.Join(r.opts.Dir, watch.SentFolder)) {
		t.Error("delete made a Sent/ folder")
	}
}

// Content already sent to the profile, dropped again under another name,
// is skipped with a note saying a watch does not ask; it stays in the folder
// and is not taken again.
func TestDuplicateIsSkippedWithANote(t *testing.T) {
	srv := startServer(t, ftptest.FTPServerLib)
	p := testProfile(srv)
	p.Duplicates = profile.DuplicateAsk
	r := newRig(t, srv, watch.Options{Settle: testSettle, Profile: p, SweepEvery: 300 * time.Millisecond})
	r.start()
	data := validAL3(12, 8<<10)
	writeFile(t, filepath.Join(r.opts.Dir, "FIRST.AL3"), data)
	r.arrivedOnce(srv, map[string][]byte{"FIRST.AL3": data}, 20*time.Second)
	writeFile(t, filepath.Join(r.opts.Dir, "AGAIN.AL3"), data)
	r.waitFor("skipped", 20*time.Second, func() bool { return r.count(watch.EventSkipped, "AGAIN.AL3") == 1 })
	if !strings.Contains(r.eventsText(), "does not ask") {
		t.Errorf("no note that a watch does not ask:\n%s", r.eventsText())
	}
	time.Sleep(2 * testSettle)
	if n := r.count(watch.EventTaken, "AGAIN.AL3"); n != 1 || !exists(filepath.Join(r.opts.Dir, "AGAIN.AL3")) {
		t.Errorf("taken %d times, want once, and left in place:\n%s", n, r.eventsText())
	}
	r.arrivedOnce(srv, map[string][]byte{"FIRST.AL3": data}, time.Second)
}

//go:build unix

package watch_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/uploader/watch"
)

// testSettle is short so that the tests are quick; writers in the tests
// pause for much less.
const testSettle = 1500 * time.Millisecond

// A complete file dropped in the folder is sent once, byte-identical, and
// moved to Sent/; the journal forgets it.
func TestCompleteFileIsSentOnceAndMovedToSent(t *testing.T) {
	srv := startServer(t, ftptest.FTPServerLib)
	r := newRig(t, srv, watch.Options{Settle: testSettle})
	r.start()
	data := validAL3(1, 20<<10)
	writeFile(t, filepath.Join(r.opts.Dir, "POLICY.AL3"), data)
	r.arrivedOnce(srv, map[string][]byte{"POLICY.AL3": data}, 20*time.Second)
	sent := filepath.Join(r.opts.Dir, watch.SentFolder, "POLICY.AL3")
	r.waitFor("moved to Sent/", 10*time.Second, func() bool { return exists(sent) })
	if exists(filepath.Join(r.opts.Dir, "POLICY.AL3")) {
		t.Error("the sent file is still in the watched folder")
	}
	r.stop()
	files, err := reopen(t, r.state).WatchFiles(r.w.Key())
	if err != nil || len(files) != 0 {
		t.Errorf("the journal still holds %d file(s) of the watch (%v): %+v", len(files), err, files)
	}
	if n := r.count(watch.EventSent, "POLICY.AL3"); n != 1 {
		t.Errorf("%d sent events, want 1\n%s", n, r.eventsText())
	}
}

// A slow writer appends for several seconds with pauses shorter than the
// settle time: the file is taken only once it is complete, and no partial
// file ever appears on the server.
func TestSlowWriterIsTakenOnlyWhenComplete(t *testing.T) {
	srv := startServer(t, ftptest.VSFTPD)
	r := newRig(t, srv, watch.Options{Settle: testSettle})
	r.start()
	data := validAL3(2, 200<<10)
	partials := watchForPartials(srv.Dir, map[string][]byte{"SLOW.AL3": data})
	path := filepath.Join(r.opts.Dir, "SLOW.AL3")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	chunk := len(data)/16 + 1
	for off := 0; off < len(data); off += chunk {
		if _, err := f.Write(data[off:min(off+chunk, len(data))]); err != nil {
			t.Fatal(err)
		}
		time.Sleep(testSettle / 6) // 16 pauses: about 4 s of writing
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	r.arrivedOnce(srv, map[string][]byte{"SLOW.AL3": data}, 30*time.Second)
	partials.check(t)
	if n := r.count(watch.EventTaken, "SLOW.AL3"); n != 1 {
		t.Errorf("taken %d times, want once\n%s", n, r.eventsText())
	}
	if exists(filepath.Join(r.opts.Dir, watch.FailedFolder)) {
		t.Errorf("something failed:\n%s", r.eventsText())
	}
}

// A file written under a temporary name and renamed into place is taken
// once, under its final name; the temporary name never reaches the server.
func TestWriteThenRenameIsTakenOnceUnderItsFinalName(t *testing.T) {
	srv := startServer(t, ftptest.PureFTPd)
	r := newRig(t, srv, watch.Options{Settle: testSettle})
	r.start()
	data := validAL3(3, 64<<10)
	tmp := filepath.Join(r.opts.Dir, "DOWNLOAD.AL3.part")
	f, err := os.Create(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for off := 0; off < len(data); off += 8 << 10 {
		_, _ = f.Write(data[off:min(off+8<<10, len(data))])
		time.Sleep(testSettle / 3) // longer than a check, shorter than the settle time
	}
	f.Close()
	time.Sleep(testSettle * 2) // complete under its temporary name for longer than the settle time
	if err := os.Rename(tmp, filepath.Join(r.opts.Dir, "DOWNLOAD.AL3")); err != nil {
		t.Fatal(err)
	}
	r.arrivedOnce(srv, map[string][]byte{"DOWNLOAD.AL3": data}, 20*time.Second)
	if n := r.count(watch.EventTaken, "DOWNLOAD.AL3.part"); n != 0 {
		t.Errorf("the temporary name was taken:\n%s", r.eventsText())
	}
	if n := r.count(watch.EventTaken, "DOWNLOAD.AL3"); n != 1 {
		t.Errorf("taken %d times, want once\n%s", n, r.eventsText())
	}
}

// A writer that writes the whole file, then holds it open without writing
// for longer than the settle time: on Windows the file is taken once the
// writer closes it; elsewhere once it has settled. Either way it arrives
// once and whole.
func TestWriterHoldingTheFileOpen(t *testing.T) {
	srv := startServer(t, ftptest.FTPServerLib)
	r := newRig(t, srv, watch.Options{Settle: testSettle})
	r.start()
	data := validAL3(4, 32<<10)
	f, err := os.Create(filepath.Join(r.opts.Dir, "HELD.AL3"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * testSettle)
	f.Close()
	r.arrivedOnce(srv, map[string][]byte{"HELD.AL3": data}, 20*time.Second)
	if n := r.count(watch.EventTaken, "HELD.AL3"); n != 1 {
		t.Errorf("taken %d times, want once\n%s", n, r.eventsText())
	}
}

// An invalid file is not sent: it lands in Failed/ with NAME.error.txt
// saying why, in the window's words.
func TestInvalidFileLandsInFailedWithItsReason(t *testing.T) {
	srv := startServer(t, ftptest.FTPServerLib)
	r := newRig(t, srv, watch.Options{Settle: testSettle})
	r.start()
	writeFile(t, filepath.Join(r.opts.Dir, "CUT.AL3"), validAL3(5, 8<<10)[:5000])
	failed := filepath.Join(r.opts.Dir, watch.FailedFolder, "CUT.AL3")
	r.waitFor("moved to Failed/", 20*time.Second, func() bool { return exists(failed + ".error.txt") })
	if !exists(failed) {
		t.Error("the invalid file is not in Failed/")
	}
	text, _ := os.ReadFile(failed + ".error.txt")
	if !strings.Contains(string(text), "CUT.AL3 was not sent") || !strings.Contains(string(text), "Invalid: ") {
		t.Errorf("error file says:\n%s", text)
	}
	if got := serverFiles(t, srv); len(got) != 0 {
		t.Errorf("files on the server: %v", keys(got))
	}
}

// Names that downloaders use while writing, and names the patterns leave
// out, are never taken; the others are.
func TestIgnoredNamesAndPatterns(t *testing.T) {
	srv := startServer(t, ftptest.FTPServerLib)
	r := newRig(t, srv, watch.Options{Settle: testSettle, Include: []string{"*.al3", "*.dat"}, Exclude: []string{"test*"}})
	data := validAL3(6, 4<<10)
	for _, name := range []string{"a.tmp", "b.AL3.part", "~$c.al3", ".d.al3", "e.al3.crdownload", "f.txt", "TEST1.AL3"} {
		writeFile(t, filepath.Join(r.opts.Dir, name), validAL3(100+len(name), 4<<10))
	}
	writeFile(t, filepath.Join(r.opts.Dir, "GOOD.AL3"), data)
	r.start()
	r.arrivedOnce(srv, map[string][]byte{"GOOD.AL3": data}, 20*time.Second)
	time.Sleep(testSettle) // a file wrongly taken would have had the time to arrive
	if got := serverFiles(t, srv); len(got) != 1 {
		t.Errorf("files on the server: %v", keys(got))
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

package uploader

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// These tests run real processes: the test binary started again as a child
// (os.Args[0]) that runs TestJournalChildProcessRole with the role in its
// environment.

const childRoleEnv = "EXCHANGE_JOURNAL_CHILD_ROLE"

// TestJournalChildProcessRole is not a test on its own: it is the body of the
// child processes of the tests below, and does nothing without its
// environment variable.
func TestJournalChildProcessRole(t *testing.T) {
	role := os.Getenv(childRoleEnv)
	if role == "" {
		return
	}
	dir, prefix := os.Getenv("JOURNAL_DIR"), os.Getenv("JOURNAL_PREFIX")
	n, _ := strconv.Atoi(os.Getenv("JOURNAL_N"))
	j, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	switch role {
	case "writer":
		// Queue n items, then finish the even ones into the history, in
		// several commits, while another process does the same.
		for i := range n {
			it := journalItem{ID: ItemID(fmt.Sprintf("%s-%d", prefix, i)), Path: fmt.Sprintf("/x/%s-%d.al3", prefix, i), Profile: "p", Added: time.Now()}
			if err := j.putItems(onDisk, it); err != nil {
				t.Fatal(err)
			}
		}
		for i := 0; i < n; i += 2 {
			d := whenConvenient
			if i%4 == 0 {
				d = onDisk
			}
			err := j.finish(d, ItemID(fmt.Sprintf("%s-%d", prefix, i)), &HistoryEntry{Path: fmt.Sprintf("/x/%s-%d.al3", prefix, i),
				SHA256: fmt.Sprintf("%s-%d", prefix, i), Profile: "p", Finished: time.Now(), Outcome: OutcomeSent})
			if err != nil {
				t.Fatal(err)
			}
		}
	case "hold":
		// Queue n items and keep them until killed (or stdin closes).
		var items []journalItem
		for i := range n {
			items = append(items, journalItem{ID: ItemID(fmt.Sprintf("%s-%d", prefix, i)), Path: fmt.Sprintf("/x/%s-%d.al3", prefix, i), Added: time.Now()})
		}
		if err := j.putItems(onDisk, items...); err != nil {
			t.Fatal(err)
		}
		fmt.Println("ready")
		_, _ = io.Copy(io.Discard, os.Stdin)
	case "claim":
		// Take up the items of gone owners, say which, and hold them until stdin closes.
		items, err := j.unfinished()
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, it := range items {
			ids = append(ids, string(it.ID))
		}
		fmt.Println("claimed:" + strings.Join(ids, ","))
		_, _ = io.Copy(io.Discard, os.Stdin)
	default:
		t.Fatalf("unknown role %q", role)
	}
}

// child is a running child process.
type child struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines chan string
	done  chan error
}

func startChild(t *testing.T, role, dir, prefix string, n int) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestJournalChildProcessRole$", "-test.count=1")
	cmd.Env = append(os.Environ(), childRoleEnv+"="+role, "JOURNAL_DIR="+dir, "JOURNAL_PREFIX="+prefix, "JOURNAL_N="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, stdin: stdin, lines: make(chan string, 100), done: make(chan error, 1)}
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(nil, 1<<20)
		var out []string
		for sc.Scan() {
			out = append(out, sc.Text())
			c.lines <- sc.Text()
		}
		err := cmd.Wait()
		if err != nil {
			err = fmt.Errorf("child %s %s: %w; output:\n%s", role, prefix, err, strings.Join(out, "\n"))
		}
		c.done <- err
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-c.done
	})
	return c
}

// childWait is generous: the children share two busy cores with the rest.
const childWait = 2 * time.Minute

// expect returns the first line of the child's output that starts with prefix.
func (c *child) expect(t *testing.T, prefix string) string {
	t.Helper()
	deadline := time.After(childWait)
	for {
		select {
		case line := <-c.lines:
			if strings.HasPrefix(line, prefix) {
				return strings.TrimPrefix(line, prefix)
			}
		case err := <-c.done:
			c.done <- err
			t.Fatalf("child ended before saying %q: %v", prefix, err)
		case <-deadline:
			t.Fatalf("child did not say %q within %s", prefix, childWait)
		}
	}
}

func (c *child) wait(t *testing.T) {
	t.Helper()
	select {
	case err := <-c.done:
		c.done <- err
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(childWait):
		t.Fatalf("child still running after %s", childWait)
	}
}

// kill ends the child with SIGKILL (TerminateProcess on Windows) and waits for it.
func (c *child) kill(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.done:
		c.done <- nil
	case <-time.After(childWait):
		t.Fatal("killed child did not end")
	}
}

func itemIDs(items []journalItem) []string {
	var ids []string
	for _, it := range items {
		ids = append(ids, string(it.ID))
	}
	slices.Sort(ids)
	return ids
}

func idRange(prefix string, from, to, step int) []string {
	var ids []string
	for i := from; i < to; i += step {
		ids = append(ids, fmt.Sprintf("%s-%d", prefix, i))
	}
	slices.Sort(ids)
	return ids
}

// TestJournalIsSharedByProcesses: while one process has the journal open
// (the window), two others (commands) queue items and write history into it
// at the same time; nothing is lost, and the first sees their history.
func TestJournalIsSharedByProcesses(t *testing.T) {
	dir := t.TempDir()
	window, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()
	const n = 120
	a := startChild(t, "writer", dir, "A", n)
	b := startChild(t, "writer", dir, "B", n)
	a.wait(t)
	b.wait(t)

	hist, err := window.History(HistoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var sent []string
	for _, h := range hist {
		sent = append(sent, h.SHA256)
	}
	slices.Sort(sent)
	want := slices.Concat(idRange("A", 0, n, 2), idRange("B", 0, n, 2))
	slices.Sort(want)
	if !slices.Equal(sent, want) {
		t.Errorf("history seen by the window: %d entries, want %d (%v...)", len(sent), len(want), sent[:min(5, len(sent))])
	}
	if h, found, err := window.lastSent("p", "B-4"); err != nil || !found || h.Path != "/x/B-4.al3" {
		t.Errorf("LastSent of a file another process sent = %+v %v %v", h, found, err)
	}
	// Both commands have ended: their unfinished items are free to take up.
	items, err := window.unfinished()
	if err != nil {
		t.Fatal(err)
	}
	wantItems := slices.Concat(idRange("A", 1, n, 2), idRange("B", 1, n, 2))
	slices.Sort(wantItems)
	if got := itemIDs(items); !slices.Equal(got, wantItems) {
		t.Errorf("unfinished after both commands ended: %d items, want %d", len(got), len(wantItems))
	}
}

// TestJournalRestoresOnlyTheItemsOfGoneProcesses: a process killed with
// SIGKILL while holding items leaves them to the next one that starts; the
// items of a process still running are not taken.
func TestJournalRestoresOnlyTheItemsOfGoneProcesses(t *testing.T) {
	dir := t.TempDir()
	killed := startChild(t, "hold", dir, "killed", 5)
	killed.expect(t, "ready")
	running := startChild(t, "hold", dir, "running", 4)
	running.expect(t, "ready")
	killed.kill(t)

	j, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	items, err := j.unfinished()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := itemIDs(items), idRange("killed", 0, 5, 1); !slices.Equal(got, want) {
		t.Fatalf("restored %v, want the killed process's %v (and none of the running one's)", got, want)
	}

	// Once the running one has ended, a later start takes up its items, and
	// not those the first journal (still open) took.
	_ = running.stdin.Close()
	running.wait(t)
	j2, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer j2.Close()
	items, err = j2.unfinished()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := itemIDs(items), idRange("running", 0, 4, 1); !slices.Equal(got, want) {
		t.Fatalf("second start restored %v, want %v", got, want)
	}
}

// TestJournalTwoStartingProcessesNeverTakeTheSameItem: the items of a killed
// process are claimed by exactly one of two processes starting together.
func TestJournalTwoStartingProcessesNeverTakeTheSameItem(t *testing.T) {
	dir := t.TempDir()
	const n = 200
	killed := startChild(t, "hold", dir, "orphan", n)
	killed.expect(t, "ready")
	killed.kill(t)

	a := startChild(t, "claim", dir, "", 0)
	b := startChild(t, "claim", dir, "", 0)
	split := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, ",")
	}
	got := slices.Concat(split(a.expect(t, "claimed:")), split(b.expect(t, "claimed:")))
	slices.Sort(got)
	if want := idRange("orphan", 0, n, 1); !slices.Equal(got, want) {
		t.Errorf("the two starting processes claimed %d items together (duplicates or losses), want each of %d once", len(got), n)
	}
	_ = a.stdin.Close()
	_ = b.stdin.Close()
	a.wait(t)
	b.wait(t)
}

// TestJournalKilledOwnersLeaveNoLockFilesBehind: a process killed while it
// had the journal open (an `exchange history` with nothing queued) leaves a
// lock file; the next start removes it.
func TestJournalKilledOwnersLeaveNoLockFilesBehind(t *testing.T) {
	dir := t.TempDir()
	c := startChild(t, "hold", dir, "none", 0)
	c.expect(t, "ready")
	c.kill(t)
	owners := ownersDir(filepath.Join(dir, JournalFile))
	if entries, _ := os.ReadDir(owners); len(entries) != 1 {
		t.Fatalf("%d lock files while the killed process's should be there", len(entries))
	}
	j, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	entries, _ := os.ReadDir(owners)
	if len(entries) != 1 || entries[0].Name() != j.owner.id {
		t.Errorf("lock files after a new start: %v, want only the new one's", entries)
	}
}

package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
)

func TestLogRedactsPasswords(t *testing.T) {
	const secret = "hunter2-not-for-eyes"
	b := NewLogBuffer(10)
	b.Add("PASS " + secret + "\r\n")
	b.Add("  pass " + secret)
	b.Add("ACCT " + secret)
	b.Add("USER clerk")
	if b.Len() != 4 {
		t.Fatalf("%d lines, want 4", b.Len())
	}
	if strings.Contains(b.Text(), secret) {
		t.Fatalf("the log shows the password:\n%s", b.Text())
	}
	for i := range 3 {
		if !strings.HasSuffix(b.Line(i), " ****") {
			t.Errorf("line %d = %q, want the argument masked", i, b.Line(i))
		}
	}
	if !strings.HasSuffix(b.Line(3), " USER clerk") {
		t.Errorf("line 3 = %q, want the USER line as it was", b.Line(3))
	}
	for i := range b.Len() {
		stamp, _, _ := strings.Cut(b.Line(i), " ")
		if _, err := time.Parse("15:04:05", stamp); err != nil || strings.ContainsAny(b.Line(i), "\r\n") {
			t.Errorf("line %q does not start with the time, or keeps its line break", b.Line(i))
		}
	}
}

func TestLogKeepsTheLastLines(t *testing.T) {
	const max, added = 5, 23
	b := NewLogBuffer(max)
	for i := range added {
		b.Add(fmt.Sprintf("line %d", i))
	}
	if b.Len() != max {
		t.Fatalf("%d lines kept, want %d", b.Len(), max)
	}
	for i := range max {
		if want := fmt.Sprintf(" line %d", added-max+i); !strings.HasSuffix(b.Line(i), want) {
			t.Errorf("line %d = %q, want it to end in %q", i, b.Line(i), want)
		}
	}
	if b.Line(-1) != "" || b.Line(max) != "" {
		t.Error("a line out of range is not empty")
	}
	text := strings.Split(b.Text(), "\n")
	if len(text) != max {
		t.Fatalf("Text has %d lines, want %d", len(text), max)
	}
	for i, line := range text {
		if line != b.Line(i) {
			t.Errorf("Text line %d = %q, want %q (oldest first)", i, line, b.Line(i))
		}
	}
}

// TestLogViewFollowsAndCopies: lines added from several goroutines reach
// the view, which shows the newest; Copy log copies the whole log.
func TestLogViewFollowsAndCopies(t *testing.T) {
	a := test.NewTempApp(t)
	b := NewLogBuffer(50)
	// A redraw may still be waiting to run (at most 200 ms after a line).
	t.Cleanup(func() { time.Sleep(300 * time.Millisecond) })
	var view fyne.CanvasObject
	onUIWait(func() {
		w := test.NewTempWindow(t, nil)
		view = newLogPanel(b, a, w).content
		w.SetContent(view)
		w.Resize(fyne.NewSize(700, 400))
	})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				b.Add(fmt.Sprintf("goroutine %d line %d", g, i))
			}
		}()
	}
	wg.Wait()
	b.Add("PASS secret-word")
	last := b.Line(b.Len() - 1)
	h := &harness{t: t}
	h.waitUI("the view to show the newest line", func() bool {
		return len(uitest.FindAll(view, func(l *widget.Label) bool { return l.Text == last })) == 1
	})
	onUIWait(func() {
		if strings.Contains(uitest.TextOf(view), "secret-word") {
			t.Error("the view shows a password")
		}
		copyAll := buttonLabelled(view, "Copy log")
		if copyAll == nil {
			t.Fatal("no Copy log button")
		}
		test.Tap(copyAll)
		if got := a.Clipboard().Content(); got != b.Text() || b.Len() != 50 {
			t.Errorf("clipboard has %d lines, want the log's %d", len(strings.Split(got, "\n")), b.Len())
		}
	})
}

// TestLogTellsConnectionsApart: two connections at once each number their
// lines; the filter shows one alone, Copy and Save take what is shown; a
// password stays masked behind the number; lines are dense and monospaced.
func TestLogTellsConnectionsApart(t *testing.T) {
	a := test.NewTempApp(t)
	b := NewLogBuffer(100)
	t.Cleanup(func() { time.Sleep(300 * time.Millisecond) })
	one, two := b.Connection(), b.Connection()
	one("USER clerk")
	two("USER other")
	one("PASS secret-word")
	two("STOR b.al3")
	b.Add("sent: a.al3")
	if n := lineConnection(b.Line(0)); n != 1 || !strings.Contains(b.Line(0), " #1 USER clerk") {
		t.Errorf("line %q, connection %d", b.Line(0), n)
	}
	if strings.Contains(b.Text(), "secret-word") || !strings.Contains(b.Line(2), "#1 PASS ****") {
		t.Errorf("the password of a numbered connection shows: %q", b.Line(2))
	}
	var p *logPanel
	onUIWait(func() {
		w := test.NewTempWindow(t, nil)
		p = newLogPanel(b, a, w)
		w.SetContent(p.content)
		w.Resize(fyne.NewSize(800, 400))
		p.reload()
		if !slices.Contains(p.filter.Options, "Connection 2") {
			t.Fatalf("the filter offers %v", p.filter.Options)
		}
		p.filter.SetSelected("Connection 2")
		if got := p.text(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "#2 USER other") || !strings.Contains(got, "#2 STOR b.al3") {
			t.Errorf("connection 2 alone shows:\n%s", got)
		}
		test.Tap(buttonLabelled(p.content, "Copy log"))
		if got := a.Clipboard().Content(); got != p.text() {
			t.Errorf("Copy log copied %q", got)
		}
		labels := uitest.FindAll[*widget.Label](p.list, func(l *widget.Label) bool { return l.Text != "" })
		if len(labels) != 2 {
			t.Fatalf("%d lines drawn for connection 2", len(labels))
		}
		if !labels[0].TextStyle.Monospace || labels[0].Size().Height > 24 {
			t.Errorf("a log line is %v px tall, monospace %v", labels[0].Size().Height, labels[0].TextStyle.Monospace)
		}
	})
	path := filepath.Join(t.TempDir(), "log.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.save(f); err != nil {
		t.Fatal(err)
	}
	if raw, _ := os.ReadFile(path); string(raw) != p.text()+"\n" {
		t.Errorf("saved %q", raw)
	}
}

package cli

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"exchange/uploader"
	"exchange/validate/al3/al3gen"
)

// The helpers of the Ctrl-C tests, on Unix (interrupt_unix_test.go: signals)
// and on Windows (console_windows_test.go: console control events): a server
// that never answers, an upload stuck on it, and the queue left behind.

// exitBound is how long a child may take to leave after Ctrl-C. The command
// aims at stopGrace (1.5 s); the bound is generous for a busy 2-core machine
// and still far under the 28 s it took before.
const exitBound = 10 * time.Second

// silentServer accepts connections and never says a word (no greeting).
// accepted receives one value per connection.
func silentServer(t *testing.T) (port int, accepted <-chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan struct{}, 64)
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			select {
			case ch <- struct{}{}:
			default:
			}
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port, ch
}

// lockedBuffer is a bytes.Buffer safe to read while a child writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitFor polls cond until it holds or a minute passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no %s after a minute", what)
		}
	}
}

// interruptible prepares a child for the test's Ctrl-C: nothing on Unix
// (it gets a signal); on Windows a console of its own (console_windows_test.go).
var interruptible = func(*exec.Cmd) {}

// uploadToSilentServer starts `exchange upload` of two files against a
// server that never answers, and returns once a connection is waiting for
// the greeting.
func uploadToSilentServer(t *testing.T, extraEnv ...string) (cmd *exec.Cmd, stderr *lockedBuffer, state string) {
	t.Helper()
	port, accepted := silentServer(t)
	dir := t.TempDir()
	state = t.TempDir()
	a := writeFile(t, dir, "A.AL3", al3gen.Valid(al3gen.CRLF))
	b := writeFile(t, dir, "B.AL3", append(al3gen.Valid(al3gen.CRLF), al3gen.Valid(al3gen.CRLF)...))
	cmd = exchangeCommand(t, append([]string{"EXCHANGE_PASSWORD=pw"}, extraEnv...), "upload", "--json", "--state", state,
		"--server", fmt.Sprintf("ftp://clerk@127.0.0.1:%d/in", port), a, b)
	stderr = &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = &lockedBuffer{}, stderr
	interruptible(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	select {
	case <-accepted:
	case <-time.After(time.Minute):
		t.Fatalf("the upload never connected; stderr:\n%s", stderr.String())
	}
	return cmd, stderr, state
}

// queuedIn returns the files an earlier run left unfinished in state, as
// the journal's queue table holds them on disk (each record is JSON with the
// local path).
func queuedIn(t *testing.T, state string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(state, uploader.JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT record FROM queue`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var rec []byte
		var it struct {
			Path string `json:"path"`
		}
		if err := rows.Scan(&rec); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(rec, &it); err != nil {
			t.Fatalf("queue record %q: %v", rec, err)
		}
		names = append(names, filepath.Base(it.Path))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return names
}

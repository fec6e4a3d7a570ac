//go:build unix

package watch_test

// The rig's helpers that only the Unix tests use (the rig itself serves
// the Windows test too: inuse_windows_test.go).

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/uploader"
)

func startServer(t *testing.T, kind ftptest.Kind) *ftptest.Server {
	t.Helper()
	t.Parallel()
	return ftptest.Start(t, kind, ftptest.Options{})
}

// partialWatch polls the server folder and records any file under a final
// name whose content is not the complete file.
type partialWatch struct {
	stop, done chan struct{}
	mu         sync.Mutex
	seen       []string
}

func watchForPartials(dir string, want map[string][]byte) *partialWatch {
	p := &partialWatch{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		for {
			select {
			case <-p.stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			for name, data := range want {
				info, err := os.Stat(filepath.Join(dir, name))
				if err == nil && info.Size() != int64(len(data)) {
					p.mu.Lock()
					p.seen = append(p.seen, fmt.Sprintf("%s with %d of %d bytes", name, info.Size(), len(data)))
					p.mu.Unlock()
				}
			}
		}
	}()
	return p
}

func (p *partialWatch) check(t *testing.T) {
	t.Helper()
	close(p.stop)
	<-p.done
	if len(p.seen) > 0 {
		t.Errorf("partial files under their final names on the server: %v", p.seen[:min(len(p.seen), 5)])
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func reopen(t *testing.T, state string) *uploader.Journal {
	t.Helper()
	j, err := uploader.OpenJournal(state)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	return j
}

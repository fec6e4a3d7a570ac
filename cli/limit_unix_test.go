//go:build unix

package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"exchange/internal/ftptest"
	"exchange/uploader"
	"exchange/validate/al3/al3gen"
)

// writeLargeAL3 writes a valid AL3 file of at least size bytes.
func writeLargeAL3(t *testing.T, dir, name string, size int64) (string, int64) {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := al3gen.WriteLarge(f, size, al3gen.CRLF)
	if err != nil || f.Close() != nil {
		t.Fatal(err)
	}
	return path, n
}

// sendingTime runs upload --json and returns the time from the first byte
// going out to the last file done, as the events say.
func sendingTime(t *testing.T, args ...string) time.Duration {
	t.Helper()
	code, out, errOut := run(append([]string{"upload", "--json"}, args...)...)
	if code != ExitOK {
		t.Fatalf("upload: exit %d\n%s\n%s", code, out, errOut)
	}
	var first, last time.Time
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var e uploader.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		switch e.Kind {
		case uploader.EventUploading:
			if first.IsZero() {
				first = e.Time
			}
		case uploader.EventDone:
			last = e.Time
		}
	}
	if first.IsZero() || last.IsZero() {
		t.Fatalf("no uploading or done events:\n%s", out)
	}
	return last.Sub(first)
}

// exchange upload --limit 1MB/s sends 4 MB in about 4 s, with one connection
// and with four sharing the limit. A limit can only slow the upload down, so
// the lower bound is strict; the upper one stretches with a busy machine.
func TestUploadSpeedLimit(t *testing.T) {
	srv := ftptest.Start(t, ftptest.FTPServerLib, ftptest.Options{})
	t.Setenv("EXCHANGE_PASSWORD", srv.Password)
	server := fmt.Sprintf("ftp://%s@127.0.0.1:%d/", srv.User, srv.Port)
	const rate = 1_000_000
	for _, conns := range []int{1, 4} {
		t.Run(fmt.Sprintf("connections=%d", conns), func(t *testing.T) {
			dir := t.TempDir()
			var paths []string
			var total int64
			for i := range conns {
				// Sizes differ so that no file is a duplicate of another.
				p, n := writeLargeAL3(t, dir, fmt.Sprintf("L%d.AL3", i), 4_000_000/int64(conns)+int64(i)*997)
				paths, total = append(paths, p), total+n
			}
			got := sendingTime(t, append([]string{"--state", t.TempDir(), "--server", server, "--limit", "1MB/s",
				"--connections", fmt.Sprint(conns)}, paths...)...)
			want := time.Duration(float64(total) / rate * float64(time.Second))
			t.Logf("%d connections: %.2f MB at 1 MB/s took %v (want %v)", conns, float64(total)/1e6, got.Round(time.Millisecond), want.Round(time.Millisecond))
			if got < want*9/10 || got > want*11/10+ftptest.Scaled(500*time.Millisecond) {
				t.Errorf("%d connections: took %v, want %v within 10%%", conns, got, want)
			}
		})
	}
}

func TestUploadBadLimitIsUsageError(t *testing.T) {
	path := writeFile(t, t.TempDir(), "A.AL3", al3gen.Valid(al3gen.CRLF))
	code, _, errOut := run("upload", "--state", t.TempDir(), "--server", "ftp://u@127.0.0.1:1/", "--limit", "fast", path)
	if code != ExitUsage || !strings.Contains(errOut, `--limit: "fast" is not a speed`) {
		t.Errorf("exit %d\n%s", code, errOut)
	}
}

package cli

import (
	"bytes"
	"strings"
	"syscall"
	"testing"

	"exchange/validate/al3/al3gen"
)

type brokenPipe struct{ writes int }

func (b *brokenPipe) Write([]byte) (int, error) { b.writes++; return 0, syscall.EPIPE }

// Every command, not only upload, ends with 2 and says so when standard
// output went away, and stops writing to it after the first failure.
func TestClosedStdoutIsReported(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for _, n := range []string{"A.AL3", "B.AL3", "C.AL3"} {
		paths = append(paths, writeFile(t, dir, n, al3gen.Valid(al3gen.CRLF)))
	}
	out := &brokenPipe{}
	var errOut bytes.Buffer
	code := Run(append([]string{"validate"}, paths...), strings.NewReader(""), out, &errOut)
	if code != ExitUsage || !strings.Contains(errOut.String(), "exchange validate: standard output was closed") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	if out.writes != 1 {
		t.Errorf("%d writes to a closed output, want 1", out.writes)
	}
}

package cli

import (
	"io"
	"os"
	"sync"
)

// closedOutput wraps standard output. When the reader goes away (`exchange
// upload ... | head -1`), a write fails with EPIPE (SIGPIPE is not allowed
// to kill the process: see ignoreBrokenPipe): the first error is kept, later
// writes are dropped, and the command carries on, so that a batch is never
// cut between "sent" and its entry in the journal. The command then exits
// with ExitUsage, saying that standard output was closed.
type closedOutput struct {
	w        io.Writer
	mu       sync.Mutex
	err      error
	reported bool // the command said it in its own words
}

func (o *closedOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err != nil {
		o.err = err
	}
	return n, err
}

// unreported returns the first write error, unless the command reported it.
func (o *closedOutput) unreported() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.reported {
		return nil
	}
	return o.err
}

// outputFailure returns the first error writing to w when w is the guarded
// standard output, or nil. The caller reports it: Run then does not.
func outputFailure(w io.Writer) error {
	if o, ok := w.(*closedOutput); ok {
		o.mu.Lock()
		defer o.mu.Unlock()
		o.reported = o.err != nil
		return o.err
	}
	return nil
}

// terminalFile returns the file behind w when it is one (unwrapping the
// standard-output guard), for deciding whether w is a terminal.
func terminalFile(w io.Writer) (*os.File, bool) {
	if o, ok := w.(*closedOutput); ok {
		w = o.w
	}
	f, ok := w.(*os.File)
	return f, ok
}

//go:build unix

package cli

import (
	"os"
	"os/signal"
	"syscall"
)

// ignoreBrokenPipe keeps a closed standard output from killing the process:
// without it, the Go runtime ends a program with SIGPIPE when a write to file
// descriptor 1 or 2 finds the pipe closed, wherever the program is (between
// the upload of a file and its journal entry, say). Once SIGPIPE is
// notified, such a write returns EPIPE instead, which closedOutput handles.
// Notify rather than Ignore: an ignored signal would be inherited by any
// program this one starts.
func ignoreBrokenPipe() {
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
}

package uploader

import (
	"context"
	"os"
	"time"
)

// A file another program still has open for writing with no sharing (a
// carrier's downloader writing it, on Windows) cannot be opened: that is a
// sharing violation, not a missing file. The check waits for the writer to
// let go, polling, for at most inUseWait, then fails saying so.
var (
	inUseWait = 2 * time.Minute
	inUsePoll = 200 * time.Millisecond
)

// openWhenReleased is openRegular that waits while another program holds
// the file (fileInUse), until ctx ends or inUseWait has passed.
func openWhenReleased(ctx context.Context, path string) (*os.File, fileState, error) {
	deadline := time.Now().Add(inUseWait)
	for {
		f, st, err := openRegular(path)
		if err == nil || !fileInUse(err) || time.Now().After(deadline) {
			return f, st, err
		}
		select {
		case <-ctx.Done():
			return nil, fileState{}, err
		case <-time.After(inUsePoll):
		}
	}
}

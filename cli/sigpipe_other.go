//go:build !unix

package cli

// ignoreBrokenPipe: there is no SIGPIPE outside Unix; a write to a closed
// pipe returns an error, which closedOutput handles.
func ignoreBrokenPipe() {}

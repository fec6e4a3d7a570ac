//go:build !windows

package watch

// writerHoldsIt reports whether another program still holds the file open
// for writing. Only Windows can tell cheaply (a sharing violation); elsewhere
// the settle time alone decides.
func writerHoldsIt(string) bool { return false }

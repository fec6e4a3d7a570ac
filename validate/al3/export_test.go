package al3

// SetBufferSize changes the window size for tests and returns a function that restores it.
func SetBufferSize(n int) (restore func()) {
	old := bufferSize
	bufferSize = max(n, 2*lookahead)
	return func() { bufferSize = old }
}

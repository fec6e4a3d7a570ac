package cli

import (
	"fmt"
	"os"
	"syscall"

	"exchange/validate"
)

// validatePath checks one file named on the command line. Only a regular file
// is read: a named pipe, a device or a folder is refused with a sentence
// saying so, never waited on. The file is opened with O_NONBLOCK (a regular
// file ignores it) so that opening a named pipe without a writer returns at
// once instead of waiting for one, and its type is checked on the open file,
// so nothing can swap it between the check and the read.
func validatePath(path string, opts validate.Options) (*validate.Report, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (it is %s): only files can be checked", path, fileKind(st.Mode()))
	}
	return validate.Reader(f, path, st.Size(), opts)
}

// fileKind names the type of something that is not a regular file.
func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeIrregular != 0:
		return "a special file"
	}
	return "not a plain file"
}

//go:build windows

package watch

import (
	"errors"

	"golang.org/x/sys/windows"
)

// writerHoldsIt reports whether another program still holds the file open
// for writing: opening it for reading while denying others the right to
// write fails with a sharing violation while a writer has it open (Explorer's
// copy, a downloader that writes in bursts).
func writerHoldsIt(path string) bool {
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return false
	}
	h, err := windows.CreateFile(name, windows.GENERIC_READ, windows.FILE_SHARE_READ, nil,
		windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
	}
	_ = windows.CloseHandle(h)
	return false
}

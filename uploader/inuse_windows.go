package uploader

import (
	"errors"

	"golang.org/x/sys/windows"
)

// fileInUse reports a file another program holds open without sharing it.
func fileInUse(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}

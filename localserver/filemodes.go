package localserver

import (
	"os"

	"github.com/spf13/afero"
)

// Modes of what the built-in server creates, before the process umask:
// ftpserverlib opens uploads with os.ModePerm (0777), which made every
// received file executable (rwxr-xr-x). Received files are data, never
// programs.
const (
	filePerm os.FileMode = 0o666 // rw-rw-rw- minus umask: rw-r--r-- under umask 022
	dirPerm  os.FileMode = 0o755 // rwxr-xr-x at most
)

// plainModes is the server's file system with the modes above forced on
// every file and folder it creates.
type plainModes struct {
	afero.Fs
}

func (p plainModes) OpenFile(name string, flag int, _ os.FileMode) (afero.File, error) {
	return p.Fs.OpenFile(name, flag, filePerm)
}

func (p plainModes) Create(name string) (afero.File, error) {
	return p.Fs.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, filePerm)
}

func (p plainModes) Mkdir(name string, _ os.FileMode) error {
	return p.Fs.Mkdir(name, dirPerm)
}

func (p plainModes) MkdirAll(name string, _ os.FileMode) error {
	return p.Fs.MkdirAll(name, dirPerm)
}

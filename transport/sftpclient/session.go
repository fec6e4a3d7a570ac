package sftpclient

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync/atomic"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"

	"exchange/transport"
)

// posixRename is OpenSSH's extension renaming over an existing file at once.
const posixRename = "posix-rename@openssh.com"

// smallWrite: a file up to this size is sent in one write request (every
// server takes 32 KiB).
const smallWrite = 32 << 10

// Session is one SSH connection with its SFTP subsystem. Like the FTP
// sessions it is not safe for concurrent use (give each worker its own),
// except Abort. It checks no path itself: Dial returns it inside
// transport.Decorate, which checks every path before anything is sent.
type Session struct {
	cfg           Config
	conn          *watchedConn
	ssh           *ssh.Client
	sftp          *sftp.Client
	hostKey       string
	serverVersion string
	loginDir      string
	dead          atomic.Bool
	closed        atomic.Bool
}

var (
	_ transport.Session = (*Session)(nil)
	_ transport.Aborter = (*Session)(nil)
)

// HostKey is the SHA256 fingerprint of the host key the server showed
// (pinned, or accepted by ConfirmHostKey): the caller may store it.
func (s *Session) HostKey() string { return s.hostKey }

// ServerVersion is the SSH banner of the server ("SSH-2.0-OpenSSH_9.2p1...").
func (s *Session) ServerVersion() string { return s.serverVersion }

// Features lists the SFTP extensions the server announced (upper case ->
// version or data), the SFTP counterpart of FTP's FEAT.
func (s *Session) Features() map[string]string {
	out := map[string]string{}
	for _, name := range []string{posixRename, "statvfs@openssh.com", "fsync@openssh.com", "hardlink@openssh.com",
		"limits@openssh.com", "copy-data", "check-file", "md5-hash", "expand-path@openssh.com"} {
		if v, ok := s.sftp.HasExtension(name); ok {
			out[strings.ToUpper(name)] = v
		}
	}
	return out
}

// op runs one call under the watchdog and classifies its error.
func (s *Session) op(name string, f func() error) error {
	if s.closed.Load() {
		return &transport.Error{Op: name, Kind: transport.ClassRetryable, Err: &lostError{errors.New("the session is closed")}}
	}
	done := s.conn.begin()
	err := f()
	done()
	dead := s.dead.Load()
	// The watchdog or Abort may have cut the connection before the SSH
	// layer noticed (dead is set when it does): the cut's cause says why.
	if cause := s.conn.cutCause(); err != nil && cause != nil {
		err, dead = fmt.Errorf("%w (%w)", err, cause), true
	}
	return wrap(name, err, dead)
}

// MakeDirAll creates dir and its parents where missing.
func (s *Session) MakeDirAll(dir string) error {
	return s.op(opName("mkdir", dir), func() error {
		if st, err := s.sftp.Stat(dir); err == nil && st.IsDir() {
			return nil
		}
		return s.sftp.MkdirAll(dir)
	})
}

// Size returns the size of a remote file; a missing one gives an error
// matching fs.ErrNotExist.
func (s *Session) Size(path string) (int64, error) {
	var size int64
	err := s.op(opName("stat", path), func() error {
		st, err := s.sftp.Stat(path)
		if err != nil {
			return err
		}
		if !st.Mode().IsRegular() {
			return fmt.Errorf("%s is not a file on the server (it is a %s)", path, kind(st.Mode()))
		}
		size = st.Size()
		return nil
	})
	return size, err
}

func kind(m fs.FileMode) string {
	if m.IsDir() {
		return "folder"
	}
	return "special file"
}

// Store uploads r to path. With offset > 0 the existing file is continued
// from there (r must start at that offset of the local file); with 0 it is
// created or emptied first. Writes are pipelined; if one fails, the file is
// cut back to the end of what was surely written, so that a later resume
// from its size never leaves a hole.
func (s *Session) Store(path string, r io.Reader, offset int64) error {
	flags := os.O_WRONLY | os.O_CREATE
	if offset == 0 {
		flags |= os.O_TRUNC
	}
	return s.op(opName("store", path), func() error { return s.write(path, flags, r, offset) })
}

// Append uploads r to the end of path.
func (s *Session) Append(path string, r io.Reader) error {
	return s.op(opName("append", path), func() error {
		st, err := s.sftp.Stat(path)
		var at int64
		if err == nil {
			at = st.Size()
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return s.write(path, os.O_WRONLY|os.O_CREATE, r, at)
	})
}

func (s *Session) write(path string, flags int, r io.Reader, offset int64) error {
	f, err := s.sftp.OpenFile(path, flags)
	if err != nil {
		return err
	}
	if offset > 0 {
		if _, err := f.Seek(offset, io.SeekStart); err != nil {
			f.Close()
			return err
		}
	}
	// A small file (most AL3 downloads) goes in one request, without
	// setting up the pipeline of concurrent writes.
	head := make([]byte, smallWrite)
	n, rerr := io.ReadFull(r, head)
	if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
		if n > 0 {
			if _, err := f.Write(head[:n]); err != nil {
				f.Close()
				return s.explainWriteFailure(path, err)
			}
		}
		return f.Close()
	}
	if rerr != nil {
		f.Close()
		return rerr
	}
	_, werr := f.ReadFromWithConcurrency(io.MultiReader(bytes.NewReader(head), r), maxInFlight)
	if werr != nil {
		// pkg/sftp left the file position at the lowest failed offset:
		// everything below it was written. Later writes may have landed
		// beyond it; cut them off while the connection still works.
		if safe, err := f.Seek(0, io.SeekCurrent); err == nil && !s.dead.Load() {
			_ = f.Truncate(safe)
		}
		f.Close()
		return s.explainWriteFailure(path, werr)
	}
	return f.Close()
}

// explainWriteFailure tells a full disk from other failures when the server
// can say how much room is left (OpenSSH answers every write error but
// "permission denied" with a bare "failure").
func (s *Session) explainWriteFailure(path string, err error) error {
	var st *sftp.StatusError
	if !errors.As(err, &st) || st.FxCode() != sftp.ErrSSHFxFailure {
		return err
	}
	if _, ok := s.sftp.HasExtension("statvfs@openssh.com"); !ok {
		return err
	}
	dir := "."
	if i := strings.LastIndex(path, "/"); i > 0 {
		dir = path[:i]
	} else if i == 0 {
		dir = "/"
	}
	vfs, verr := s.sftp.StatVFS(dir)
	if verr == nil && vfs.Bavail*vfs.Frsize < 64<<10 {
		return fmt.Errorf("%w: %w", errNoSpace, err)
	}
	return err
}

// Rename renames from to to, replacing an existing to with the POSIX
// rename extension when the server offers it (OpenSSH); otherwise with the
// standard rename, which most servers refuse over an existing file: the
// service then removes the old file first when the policy says overwrite.
func (s *Session) Rename(from, to string) error {
	return s.op(opName("rename", from+" to "+to), func() error {
		if _, ok := s.sftp.HasExtension(posixRename); ok {
			return s.sftp.PosixRename(from, to)
		}
		return s.sftp.Rename(from, to)
	})
}

// Delete removes a file.
func (s *Session) Delete(path string) error {
	return s.op(opName("delete", path), func() error { return s.sftp.Remove(path) })
}

// Hash is not offered: OpenSSH has no checksum extension, so the size check
// after the upload stands alone, as with FTP servers without HASH.
func (s *Session) Hash(path string) (algo, sum string, err error) {
	return "", "", transport.ErrNotSupported
}

// Noop checks the connection with a round trip.
func (s *Session) Noop() error {
	return s.op("keepalive", func() error {
		_, err := s.sftp.RealPath(".")
		return err
	})
}

// LoginDir is the folder the server started the session in ("/upload" in a
// chroot, "/home/clerk" without one). Relative paths are under it.
func (s *Session) LoginDir() string { return s.loginDir }

// Abort cuts the connection at once, from any goroutine: the call in
// progress returns a retryable error with cause, later calls fail.
func (s *Session) Abort(cause error) {
	s.conn.cut(cause)
	s.dead.Store(true)
}

// Quit closes the session. Safe to call twice.
func (s *Session) Quit() error {
	s.close()
	return nil
}

func (s *Session) close() {
	if s.closed.Swap(true) {
		return
	}
	_ = s.sftp.Close()
	_ = s.ssh.Close()
	_ = s.conn.Close()
}

package transport

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Session is one logged-in connection to a server. It is not safe for
// concurrent use: give each worker its own. Sessions returned by Dial check
// every path argument with CheckPath before anything is sent.
type Session interface {
	// Features returns what the server says it offers (FTP: the FEAT
	// reply, upper-case feature name -> parameters).
	Features() map[string]string
	// MakeDirAll creates dir and its parents where missing (like mkdir -p).
	MakeDirAll(dir string) error
	// Size returns the size of a remote file.
	Size(path string) (int64, error)
	// Store uploads r to path. With offset > 0 the server continues the
	// existing file from there (FTP: REST offset); r must then start at that
	// offset of the local file. The call returns only after the server
	// confirmed the transfer.
	Store(path string, r io.Reader, offset int64) error
	// Append uploads r to the end of path, the fallback when resuming at an
	// offset is refused.
	Append(path string, r io.Reader) error
	// Rename renames from to to.
	Rename(from, to string) error
	// Delete removes a file.
	Delete(path string) error
	// Hash asks the server for a checksum of path with the best algorithm it
	// offers. algo is the lower-case algorithm ("sha-256", "md5",
	// "crc32"...), sum is lower-case hex. It returns ErrNotSupported when
	// the server offers none.
	Hash(path string) (algo, sum string, err error)
	// Noop checks that the connection is alive (and keeps it so).
	Noop() error
	// LoginDir is the folder the login put the session in ("/" on a server
	// that chroots, "/home/clerk" on one that does not; "" when the server
	// would not say). Relative paths given to the other methods are under it.
	LoginDir() string
	// Quit says goodbye and closes the connection. Safe to call twice.
	Quit() error
}

// Dialer opens a logged-in Session. Canceling ctx stops it at once, whatever
// it is waiting for; once it has returned, the session no longer depends on
// ctx (wrap each use in AbortOnCancel to stop it the same way).
type Dialer func(ctx context.Context, cfg Config) (Session, error)

var (
	registryMu sync.RWMutex
	registry   = map[string]Dialer{}
)

// Register makes a protocol's Dialer available to Dial under name ("ftp",
// "sftp"). A protocol package calls it from init; registering a name twice
// panics.
func Register(name string, d Dialer) {
	registryMu.Lock()
	defer registryMu.Unlock()
	name = strings.ToLower(name)
	if _, dup := registry[name]; dup {
		panic("transport: protocol " + name + " registered twice")
	}
	registry[name] = d
}

// Dial opens a session with the Dialer registered for cfg.Protocol ("" is
// "ftp"), with the shared decorators around it (see Decorate).
func Dial(ctx context.Context, cfg Config) (Session, error) {
	name := strings.ToLower(cfg.Protocol)
	if name == "" {
		name = "ftp"
	}
	registryMu.RLock()
	d := registry[name]
	registryMu.RUnlock()
	if d == nil {
		return nil, RefusedHere("connect", fmt.Errorf("protocol %q is not built into this program", name))
	}
	return d(ctx, cfg)
}

// Aborter is a Session that can be stopped from another goroutine.
type Aborter interface {
	// Abort closes the connection at once: the call in progress returns an
	// error with cause, later calls fail, Quit is then a no-op.
	Abort(cause error)
}

// Abort stops s at once when it can be stopped (see Aborter); other
// sessions are left alone.
func Abort(s Session, cause error) {
	if a, ok := s.(Aborter); ok {
		a.Abort(cause)
	}
}

// AbortOnCancel aborts s when ctx is done (Ctrl-C, a canceled item), until
// stop is called: wrap each use of a session in it so that no wait for the
// server outlives the user's wish to stop.
func AbortOnCancel(ctx context.Context, s Session) (stop func() bool) {
	return context.AfterFunc(ctx, func() { Abort(s, context.Cause(ctx)) })
}

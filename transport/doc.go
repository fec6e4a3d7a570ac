// Package transport is the protocol-neutral floor under the upload service:
// what a connection to a server can do (Session), how to open one (Dial,
// with one Dialer registered per protocol), the settings it is opened with
// (Config), and the errors it returns, each carrying what the caller should
// do about it (Class) and one sentence for the clerk (Hint).
//
// A protocol package (transport/ftpclient; transport/sftpclient to come)
// implements Session for its wire and registers its Dialer. Dial then puts
// the decorators every protocol shares around the session, once: remote
// paths are checked before any command is sent (CR, LF, NUL, empty paths),
// a wait that timed out closes the session (the late reply would answer the
// next command), and the protocol log is redacted (no password in it).
//
// Nothing here imports a protocol package: the service (uploader), diagnose
// and the window see only this package, and the composition root (app)
// decides which protocols are linked in.
package transport

package ftpclient

import "exchange/transport"

// loginFolder is where the server put the session at login, as PWD named it.
//
// A relative remote path ("incoming/x.al3", or a bare name) means a path
// under the login folder, as in RFC 1738 URLs: on a server that chroots the
// login folder is "/", but on one that does not (vsftpd as Debian ships it,
// proftpd without DefaultRoot, IIS without user isolation) it is the user's
// home, "/home/clerk". Every command a Session sends names its file by the
// path resolved here, so a temporary name, the final name and the folders
// MakeDirAll makes all land in the same folder whatever CWD did in between.
type loginFolder struct {
	said string // the path in the 257 reply, "" when the server gave none
}

// resolve turns a remote path into the one to send: absolute paths as they
// are; relative ones joined to the login folder when PWD gave an absolute
// path, else unchanged (the server then resolves them against its current
// folder, which is the login folder: sessions end every CWD where they began).
func (l loginFolder) resolve(p string) string { return transport.ResolveRemote(l.said, p) }

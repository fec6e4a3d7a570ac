// Package sftpclient is the SFTP session of Exchange: github.com/pkg/sftp over
// golang.org/x/crypto/ssh, behind transport.Session like the FTP sessions of
// transport/ftpclient (Store with offset, Size, Rename, Delete...), so the
// upload service, its journal, retries and policies work unchanged. It
// registers itself as "sftp" with transport.Register: a profile with
// protocol sftp is dialled by transport.Dial once this package is linked in
// (app/protocols.go).
//
// What it adds to a plain pkg/sftp client:
//   - authentication by password (also answered to keyboard-interactive
//     password prompts), by an OpenSSH private key (the password is then the
//     key's passphrase when the key is encrypted), and by ssh-agent when
//     SSH_AUTH_SOCK is set; an empty password is never sent;
//   - the host key pinned by its SHA256 fingerprint ("SHA256:..." as
//     ssh-keygen -l shows it): trust on first use through the same confirm
//     callback as FTPS certificates, and a changed key refused, never
//     silently accepted;
//   - errors as *transport.Error with the same kinds (auth, TLS for trust,
//     permanent, retryable), the server's statuses in FTP's reply numbering
//     (a missing file is 550, so transport.NotFound and SizeIfExists treat
//     it as absent) while their text names SFTP's own status
//     (SSH_FX_NO_SUCH_FILE), and a sentence for the clerk (Hint);
//   - a watchdog that cuts a connection on which the server stopped answering
//     for Timeout while an operation waits, and Abort from any goroutine;
//   - pipelined writes (pkg/sftp's concurrent writes) with larger packets on
//     OpenSSH, and a file truncated back to what was surely written when a
//     write fails, so that a resumed upload never continues after a hole.
package sftpclient

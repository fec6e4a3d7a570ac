// Package ftptest starts real FTP servers for tests: vsftpd, pure-ftpd and
// proftpd (unpacked side by side by scripts/install-ftp-servers.sh, since apt
// installs only one of them), pyftpdlib from Debian, and ftpserverlib in
// process. Each runs on free loopback ports in its own temporary folder, with
// a test user, its own passive port range, active mode allowed and a
// self-signed certificate made for the run, and is stopped by process group
// with nothing left behind.
//
// Variants (Options): TLS modes, TLS session reuse required, TLS 1.2 only, a
// login folder that is not "/" (NoChroot: the server does not chroot, as
// vsftpd ships in Debian), and a login folder that refuses files while its
// subfolder WritableSubfolder takes them (LoginNotWritable).
//
// A server that is not installed makes the test skip, with the command that
// installs it, when run by hand; with CI=true it is a failure.
package ftptest

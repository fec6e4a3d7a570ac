// Package ftpclient is the wire: one FTP control connection (a Session) in
// passive mode (on jlaffaye/ftp) or active mode (EPRT/PORT, our own client),
// with plain, explicit (AUTH TLS) or implicit FTPS.
//
// Both implementations share what this file set defines: the Config, the
// Session interface, classified errors, remote-name safety, certificate
// verification with pinning, rolling I/O deadlines and the TLS-1.3-safe close
// of data connections. Both pass one conformance suite against real servers.
package ftpclient

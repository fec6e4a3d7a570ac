// Package ftpclient is the wire: one FTP control connection (a Session) in
// passive mode (on jlaffaye/ftp) or active mode (EPRT/PORT, our own client),
// with plain, explicit (AUTH TLS) or implicit FTPS.
//
// Both implementations share what this file set defines: the Config, the
// Session interface, classified errors, remote-name safety, certificate
// verification with pinning, rolling I/O deadlines and the TLS-1.3-safe close
// of data connections. Both pass one conformance suite against real servers.
//
// Every control connection runs under budgets (replyguard.go, dialwatch.go):
// a reply may not exceed Config.MaxReplyBytes nor a line MaxReplyLine, the
// greeting must arrive within GreetingTimeout, a silent port is asked
// whether it speaks TLS after TLSProbeAfter, the wait for 226 scales with
// the data sent, and a canceled context (Dial) or Abort (an open session)
// closes the connection whatever it is waiting for. The hostile-server
// suite (hostile_test.go) holds each of them to a time and memory bound.
package ftpclient

// Package ftpclient is the wire: one FTP control connection (a Session) in
// passive mode (on jlaffaye/ftp) or active mode (EPRT/PORT, our own client),
// with plain, explicit (AUTH TLS) or implicit FTPS.
//
// The Config, the Session interface, the classified errors and the checks
// of remote names are the transport's (package transport: callers name
// them there, transport.Config, transport.ClassOf), and Dial returns each
// session inside the transport's decorators (paths checked, closed after a
// timeout, the log redacted). Dial registers itself as the transport's
// "ftp" protocol. Both implementations share what this file set defines:
// the TLS config (its certificate check is transport.VerifyCertificate),
// rolling I/O deadlines, reply budgets and the TLS-1.3-safe close of data
// connections. Both pass one conformance suite
// against real servers.
//
// Every control connection runs under budgets (replyguard.go, dialwatch.go):
// a reply may not exceed Config.MaxReplyBytes nor a line MaxReplyLine, the
// greeting must arrive within GreetingTimeout, a silent port is asked
// whether it speaks TLS after TLSProbeAfter, the wait for 226 scales with
// the data sent, and a canceled context (Dial) or Abort (an open session)
// closes the connection whatever it is waiting for. The hostile-server
// suite (hostile_test.go) holds each of them to a time and memory bound.
package ftpclient

package ftpclient

import "exchange/transport"

// What the wire found wrong with a server, in a clerk's words (the
// transport's Error.Hint asks the error under it first).

func (e *CutOffError) Hint() string {
	if e.BeforeGreeting {
		return "The server hung up before greeting: it may refuse connections from this computer, or have too many at the moment. If it keeps happening, ask the server administrator."
	}
	return "The server hung up in the middle of its reply. If it keeps happening, run Test connection."
}

func (e *ReplyTooLongError) Hint() string {
	return "The server sent a reply far longer than any FTP server does, so Exchange hung up: check the address and port of the profile; what answers there is not behaving like an FTP server."
}

func (e *TLSPortError) Hint() string {
	return "This port speaks TLS from the first byte (implicit FTPS): use ftps:// (TLS \"implicit\") in the profile."
}

// Class: the profile's TLS setting must change.
func (e *TLSPortError) Class() transport.Class { return transport.ClassTLS }

func (e *PlainPortError) Hint() string {
	return "This port speaks plain FTP, not implicit FTPS: use ftpes:// (TLS \"explicit\") or ftp:// in the profile, or the server's FTPS port."
}

func (e *NoGreetingError) Hint() string {
	return "The server accepted the connection but did not greet: it may be overloaded, or the port is not an FTP server's. Check the port; if it keeps happening, run Test connection."
}

// Class: a port that stays silent for the whole greeting budget is not an
// FTP server at work (an HTTP port, a firewall that accepts and drops):
// retrying would only multiply the wait (issue 15, item 11).
func (e *NoGreetingError) Class() transport.Class { return transport.ClassPermanent }

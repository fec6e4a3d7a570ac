package profile

import (
	"encoding/json"

	"exchange/transport"
)

// Mode is how the data connections of a profile are opened.
type Mode string

const (
	Passive Mode = "passive" // the client connects to the server (default)
	Active  Mode = "active"  // the server connects back to the client
)

// TLSMode says whether and how a profile's connection is encrypted.
type TLSMode string

const (
	TLSNone     TLSMode = "none"     // plain FTP (default)
	TLSExplicit TLSMode = "explicit" // AUTH TLS on the normal port (ftpes://)
	TLSImplicit TLSMode = "implicit" // TLS from the first byte, usually port 990 (ftps://)
)

// UnmarshalJSON reads the mode as profiles files have always written it,
// the older spellings included ("PASV", "port", any case): a known one
// becomes its canonical value, an unknown one is kept as written so that
// Validate can say what is wrong instead of the whole file failing to load.
func (m *Mode) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*m = Mode(s)
	if mode, err := transport.ParseMode(s); err == nil && s != "" {
		*m = Mode(mode.String())
	}
	return nil
}

// UnmarshalJSON reads the TLS setting as profiles files have always written
// it ("ftps", "off", any case...); see Mode.UnmarshalJSON.
func (t *TLSMode) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*t = TLSMode(s)
	if tlsMode, err := transport.ParseTLSMode(s); err == nil && s != "" {
		*t = TLSMode(tlsMode.String())
	}
	return nil
}

// clientMode is the session's data connection mode.
func (m Mode) clientMode() (transport.Mode, error) { return transport.ParseMode(string(m)) }

// clientTLS is the session's TLS mode.
func (t TLSMode) clientTLS() (transport.TLSMode, error) { return transport.ParseTLSMode(string(t)) }

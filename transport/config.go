package transport

import (
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// Mode is how FTP data connections are opened.
type Mode int

const (
	// Passive: the client connects to a port the server opens (EPSV, then PASV).
	Passive Mode = iota
	// Active: the server connects back to a port the client opens (EPRT, then PORT).
	Active
)

func (m Mode) String() string {
	if m == Active {
		return "active"
	}
	return "passive"
}

// ParseMode reads "passive" or "active" (any case).
func ParseMode(s string) (Mode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "passive", "pasv":
		return Passive, nil
	case "active", "port":
		return Active, nil
	}
	return Passive, fmt.Errorf("unknown FTP mode %q: use passive or active", s)
}

// TLSMode says whether and how an FTP connection is encrypted.
type TLSMode int

const (
	TLSNone     TLSMode = iota // plain FTP
	TLSExplicit                // AUTH TLS on the normal port (ftpes://)
	TLSImplicit                // TLS from the first byte, usually port 990 (ftps://)
)

func (t TLSMode) String() string {
	switch t {
	case TLSExplicit:
		return "explicit"
	case TLSImplicit:
		return "implicit"
	}
	return "none"
}

// ParseTLSMode reads "none", "explicit" or "implicit".
func ParseTLSMode(s string) (TLSMode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "none", "off", "plain":
		return TLSNone, nil
	case "explicit", "ftpes", "auth":
		return TLSExplicit, nil
	case "implicit", "ftps":
		return TLSImplicit, nil
	}
	return TLSNone, fmt.Errorf("unknown TLS mode %q: use none, explicit or implicit", s)
}

// Config says where to connect and how. The fields a protocol does not use
// (Mode and TLS outside FTP) are ignored by it.
type Config struct {
	// Protocol names the registered Dialer to use; "" means "ftp".
	Protocol string

	Host     string
	Port     int // 0 means 21, or 990 with implicit TLS, or 22 for SFTP
	User     string
	Password string
	// KeyFile is the SSH private key of an SFTP login (Password then opens
	// it when it is encrypted); FTP ignores it.
	KeyFile string

	Mode      Mode
	TLS       TLSMode
	TLS12Only bool // cap TLS at 1.2 (a fallback for servers that mishandle 1.3)

	// PinnedSHA256 trusts exactly the server certificate with this SHA-256
	// fingerprint (hex, colons and case ignored), whoever signed it.
	PinnedSHA256 string
	// ConfirmCertificate is asked when the certificate is neither trusted by
	// RootCAs nor pinned. Returning true accepts it for this connection; the
	// caller may then store info.SHA256 as the profile's pin.
	ConfirmCertificate func(info CertInfo) bool
	// RootCAs verifies certificates; nil means the system roots.
	RootCAs *x509.CertPool

	// Timeout bounds every single network wait: connect, one read, one write,
	// accepting an active data connection, waiting for a reply. 0 means 30 s.
	Timeout time.Duration
	// FinishTimeout bounds the end of a transfer: waiting for the server to
	// take the last bytes off the data connection and to confirm with 226.
	// A slow server may still be reading what the network buffered and
	// writing it to disk, so 0 means Timeout plus the time for what may still
	// be in the socket buffers (up to 8 MiB) to cross a 2 Mbit/s uplink, plus
	// one second per 64 MiB sent, at most 4 × Timeout: 30 s for a small
	// file, 62 s for 8 MiB, 78 s for 1 GiB with the default Timeout.
	FinishTimeout time.Duration
	// GreetingTimeout bounds the wait for the server's greeting (and, with
	// explicit TLS, for AUTH TLS and its handshake), however slowly it
	// arrives. 0 means 15 s.
	GreetingTimeout time.Duration
	// TLSProbeAfter: when a plain greeting has not begun after this long,
	// Dial asks the port on a second connection whether it speaks TLS
	// (implicit FTPS), to say so instead of waiting in vain. 0 means 3 s.
	TLSProbeAfter time.Duration
	// MaxReplyBytes bounds one server reply, all its lines together (counted
	// from our last command). 0 means 64 KiB.
	MaxReplyBytes int
	// MaxReplyLine bounds one line of a reply. 0 means 8 KiB.
	MaxReplyLine int
	// KeepAlive is the TCP keepalive period of the control connection. 0 means 15 s.
	KeepAlive time.Duration

	// ActiveAddress is the IP announced in EPRT/PORT when this PC is behind NAT;
	// empty means the control connection's local address.
	ActiveAddress string
	// ActivePortMin and ActivePortMax bound the ports listened on in active
	// mode (both 0: any free port).
	ActivePortMin, ActivePortMax int

	// KnownLoginDir, when not empty, is the login folder an earlier session
	// of the same profile and server learnt (Session.LoginDir): FTP takes it
	// instead of asking PWD again, one round trip less a connection.
	KnownLoginDir string

	// Log receives the protocol exchange line by line. Dial redacts every
	// line (RedactLine) before it gets here.
	Log func(line string)

	// Proxy, when set, carries every connection the protocol opens (FTP's
	// control, passive data and checksum connections) through an office
	// proxy (transport/proxy); FTP's active mode is then refused.
	Proxy ProxyDialer
}

// ProxyDialer opens connections through an office proxy (a
// transport/proxy.Dialer). It should print as the proxy's name without its
// password.
type ProxyDialer interface {
	DialContext(ctx context.Context, network, address string) (net.Conn, error)
}

// WaitTimeout is Timeout with its default.
func (c *Config) WaitTimeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return 30 * time.Second
}

// FinishWait is the wait for the end of a transfer of sent bytes (see FinishTimeout).
func (c *Config) FinishWait(sent int64) time.Duration {
	if c.FinishTimeout > 0 {
		return c.FinishTimeout
	}
	// After our last write, up to several MiB may still sit in the socket
	// buffers on both sides (inFlight), going out at the speed of a slow
	// uplink (slowLink), and the server then writes the whole file to its
	// disk (diskRate) before it answers.
	const inFlight, slowLink, diskRate = 8 << 20, 256 << 10, 64 << 20
	limit := 4 * c.WaitTimeout()
	secs := float64(min(sent, inFlight))/slowLink + float64(sent)/diskRate
	if extra := time.Duration(secs * float64(time.Second)); extra < limit {
		return min(c.WaitTimeout()+extra, limit)
	}
	return limit
}

// GreetingWait is GreetingTimeout with its default.
func (c *Config) GreetingWait() time.Duration {
	if c.GreetingTimeout > 0 {
		return c.GreetingTimeout
	}
	return 15 * time.Second
}

// TLSProbeWait is TLSProbeAfter with its default.
func (c *Config) TLSProbeWait() time.Duration {
	if c.TLSProbeAfter > 0 {
		return c.TLSProbeAfter
	}
	return 3 * time.Second
}

// ReplyBudget is MaxReplyBytes with its default.
func (c *Config) ReplyBudget() int {
	if c.MaxReplyBytes > 0 {
		return c.MaxReplyBytes
	}
	return 64 << 10
}

// ReplyLineBudget is MaxReplyLine with its default.
func (c *Config) ReplyLineBudget() int {
	if c.MaxReplyLine > 0 {
		return c.MaxReplyLine
	}
	return 8 << 10
}

// KeepAlivePeriod is KeepAlive with its default.
func (c *Config) KeepAlivePeriod() time.Duration {
	if c.KeepAlive > 0 {
		return c.KeepAlive
	}
	return 15 * time.Second
}

// PortOrDefault is Port, or the protocol's usual port when it is 0.
func (c *Config) PortOrDefault() int {
	switch {
	case c.Port > 0:
		return c.Port
	case strings.EqualFold(c.Protocol, "sftp"):
		return 22
	case c.TLS == TLSImplicit:
		return 990
	}
	return 21
}

// Address is host:port of the control connection.
func (c *Config) Address() string {
	return net.JoinHostPort(c.Host, strconv.Itoa(c.PortOrDefault()))
}

package ftpclient

import (
	"context"
	"crypto/x509"
	"fmt"
	"io"
	"strings"
	"time"
)

// Mode is how data connections are opened.
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

// TLSMode says whether and how the connection is encrypted.
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

// Config says where to connect and how.
type Config struct {
	Host     string
	Port     int // 0 means 21, or 990 with implicit TLS
	User     string
	Password string

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

	// Log receives the protocol exchange line by line, with passwords redacted.
	Log func(line string)

	// Proxy, when set, carries every connection (control, passive data, the
	// checksum connection) through an office proxy; active mode is then
	// refused (proxydial.go).
	Proxy ProxyDialer
}

func (c *Config) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return 30 * time.Second
}

// finishTimeout is the wait for the end of a transfer of sent bytes.
func (c *Config) finishTimeout(sent int64) time.Duration {
	if c.FinishTimeout > 0 {
		return c.FinishTimeout
	}
	// After our last write, up to several MiB may still sit in the socket
	// buffers on both sides (inFlight), going out at the speed of a slow
	// uplink (slowLink), and the server then writes the whole file to its
	// disk (diskRate) before it answers.
	const inFlight, slowLink, diskRate = 8 << 20, 256 << 10, 64 << 20
	limit := 4 * c.timeout()
	secs := float64(min(sent, inFlight))/slowLink + float64(sent)/diskRate
	if extra := time.Duration(secs * float64(time.Second)); extra < limit {
		return min(c.timeout()+extra, limit)
	}
	return limit
}

func (c *Config) greetingTimeout() time.Duration {
	if c.GreetingTimeout > 0 {
		return c.GreetingTimeout
	}
	return 15 * time.Second
}

func (c *Config) tlsProbeAfter() time.Duration {
	if c.TLSProbeAfter > 0 {
		return c.TLSProbeAfter
	}
	return 3 * time.Second
}

func (c *Config) maxReplyBytes() int {
	if c.MaxReplyBytes > 0 {
		return c.MaxReplyBytes
	}
	return 64 << 10
}

func (c *Config) maxReplyLine() int {
	if c.MaxReplyLine > 0 {
		return c.MaxReplyLine
	}
	return 8 << 10
}

func (c *Config) keepAlive() time.Duration {
	if c.KeepAlive > 0 {
		return c.KeepAlive
	}
	return 15 * time.Second
}

func (c *Config) port() int {
	switch {
	case c.Port > 0:
		return c.Port
	case c.TLS == TLSImplicit:
		return 990
	}
	return 21
}

// Address is host:port of the control connection.
func (c *Config) Address() string {
	return joinHostPort(c.Host, c.port())
}

// Session is one logged-in control connection. It is not safe for concurrent
// use: give each worker its own. Every path argument is checked with
// CheckPath before any command is sent.
type Session interface {
	// Features returns the FEAT reply: upper-case feature name -> parameters.
	Features() map[string]string
	// MakeDirAll creates dir and its parents where missing (like mkdir -p).
	MakeDirAll(dir string) error
	// Size returns the size of a remote file (SIZE, in binary mode).
	Size(path string) (int64, error)
	// Store uploads r to path. With offset > 0 it sends REST offset first and
	// the server continues the existing file from there; r must then start at
	// that offset of the local file. The call returns only after the server
	// confirmed the transfer (226 or 250).
	Store(path string, r io.Reader, offset int64) error
	// Append uploads r to the end of path (APPE), the fallback when REST fails.
	Append(path string, r io.Reader) error
	// Rename renames from to to (RNFR/RNTO).
	Rename(from, to string) error
	// Delete removes a file (DELE).
	Delete(path string) error
	// Hash asks the server for a checksum of path using the best command FEAT
	// offers (HASH with SHA-256/SHA-1/MD5/CRC32, then XSHA256, XMD5, XCRC).
	// algo is the lower-case algorithm ("sha-256", "md5", "crc32"...), sum is
	// lower-case hex. It returns ErrNotSupported when the server offers none.
	Hash(path string) (algo, sum string, err error)
	// Noop sends NOOP, to keep the connection alive or check it.
	Noop() error
	// LoginDir is the folder the login put the session in, as PWD named it:
	// "/" on a server that chroots, "/home/clerk" on one that does not; ""
	// when the server would not say. Relative paths given to the other
	// methods are under this folder.
	LoginDir() string
	// Mode is the data-connection mode of this session.
	Mode() Mode
	// Quit says goodbye and closes the connection. Safe to call twice.
	Quit() error
}

// Dial connects, secures and logs in according to cfg.Mode. Canceling ctx
// stops it at once, whatever it is waiting for (the connection is closed).
// Once Dial has returned, the session no longer depends on ctx: wrap each
// use in AbortOnCancel to stop it the same way.
func Dial(ctx context.Context, cfg Config) (Session, error) {
	if cfg.Host == "" {
		return nil, localError("connect", fmt.Errorf("no server host given"))
	}
	if err := checkArgument("user name", cfg.User); err != nil {
		return nil, err
	}
	if err := checkArgument("password", cfg.Password); err != nil {
		return nil, err
	}
	if err := cfg.checkProxy(); err != nil {
		return nil, err
	}
	if cfg.Mode == Active {
		return dialActive(ctx, cfg)
	}
	return dialPassive(ctx, cfg)
}

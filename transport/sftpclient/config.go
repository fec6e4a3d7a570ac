package sftpclient

import (
	"net"
	"strconv"
	"time"

	"exchange/transport"
)

// DefaultPort is SSH's port.
const DefaultPort = 22

// Config says where to connect and how to log in.
type Config struct {
	Host string
	Port int // 0 means 22
	User string
	// Password is sent for password (and keyboard-interactive) login, and
	// opens KeyFile when the key is encrypted. Empty: no password is sent.
	Password string
	// KeyFile is the path of a private key in OpenSSH (or PEM) format.
	KeyFile string
	// KeyPEM is a private key given directly (it takes precedence over KeyFile).
	KeyPEM []byte
	// NoAgent: do not ask the ssh-agent at SSH_AUTH_SOCK for keys.
	NoAgent bool

	// HostKey pins the server's host key: its SHA256 fingerprint as
	// ssh-keygen -l shows it ("SHA256:" and 43 characters of base64). A
	// server showing another key is refused.
	HostKey string
	// ConfirmHostKey is asked, when no HostKey is pinned, whether to trust
	// the key the server shows (info.SHA256 is its fingerprint). Returning
	// true accepts it for this connection; the caller may then pin it.
	// nil refuses every unpinned key.
	ConfirmHostKey func(info transport.CertInfo) bool

	// Timeout bounds connecting, the SSH handshake and login, and every
	// wait for the server while an operation runs. 0 means 30 s.
	Timeout time.Duration

	// MaxPacket is the most data sent in one write request; 0 means 255 KiB
	// to OpenSSH (its sftp-server takes up to 256 KiB messages) and 32 KiB,
	// which every server must take, to others.
	MaxPacket int

	// Log receives one line per step (never a password).
	Log func(line string)

	// Proxy, when set, carries the SSH connection through an office proxy
	// (SOCKS5 or HTTP CONNECT, see transport/proxy), which keeps its own
	// connect timeout; nil connects directly.
	Proxy transport.ProxyDialer
}

// FromTransport takes the fields of the transport's config that SFTP uses:
// the profile's pin (PinnedSHA256) is the host key here, and the
// certificate question (ConfirmCertificate) is asked about the host key.
// Mode and TLS are FTP's and ignored.
func FromTransport(c transport.Config) Config {
	return Config{
		Host:           c.Host,
		Port:           c.Port,
		User:           c.User,
		Password:       c.Password,
		KeyFile:        c.KeyFile,
		HostKey:        c.PinnedSHA256,
		ConfirmHostKey: c.ConfirmCertificate,
		Timeout:        c.Timeout,
		Log:            c.Log,
		Proxy:          c.Proxy,
	}
}

func (c *Config) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return 30 * time.Second
}

// Address is host:port.
func (c *Config) Address() string {
	port := c.Port
	if port <= 0 {
		port = DefaultPort
	}
	return net.JoinHostPort(c.Host, strconv.Itoa(port))
}

func (c *Config) logf(line string) {
	if c.Log != nil {
		c.Log(line)
	}
}

// Package profile keeps the server profiles: where and how to send files. The
// profiles are JSON in the user's config directory, merged over a read-only
// machine-wide default file; passwords live only in the OS keychain.
package profile

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"exchange/transport"
)

// ExistsPolicy says what to do when the final name already exists on the server.
type ExistsPolicy string

const (
	KeepBoth  ExistsPolicy = "keep-both" // rename ours with a suffix: "name (2).al3" (default)
	Overwrite ExistsPolicy = "overwrite" // replace the server's file
	Skip      ExistsPolicy = "skip"      // leave the server's file, do not send ours
)

// DuplicatePolicy says what to do when the same content was already sent to this profile.
type DuplicatePolicy string

const (
	DuplicateAsk  DuplicatePolicy = "ask"  // ask the user (default); the CLI treats ask as skip unless --send-duplicates
	DuplicateSkip DuplicatePolicy = "skip" // report it as already sent
	DuplicateSend DuplicatePolicy = "send" // send it again
)

// Profile is one server and how to send to it. It never holds the password.
type Profile struct {
	Name string `json:"name"`
	Host string `json:"host"`
	Port int    `json:"port,omitempty"`
	User string `json:"user"`
	// RemoteDir is the folder files go to, as an FTP path: empty means the
	// folder the server logs the user in to, "incoming" a folder under it,
	// "/data/in" an absolute path (see urlpath.go for URLs and old profiles).
	RemoteDir string  `json:"remote_dir,omitempty"`
	Mode      Mode    `json:"mode,omitempty"` // Passive (default) or Active
	TLS       TLSMode `json:"tls,omitempty"`  // TLSNone (default), TLSExplicit or TLSImplicit
	TLS12Only bool    `json:"tls12_only,omitempty"`
	// PinnedSHA256 trusts exactly this server certificate (self-signed
	// servers); for SFTP it is the SSH host key's fingerprint ("SHA256:...").
	PinnedSHA256 string `json:"pinned_sha256,omitempty"`
	// Protocol is "ftp" (FTP and FTPS, the default) or "sftp" (see sftp.go).
	Protocol string `json:"protocol,omitempty"`
	// KeyFile is the SSH private key of an SFTP login; the profile's
	// password then opens it when it is encrypted.
	KeyFile string `json:"key_file,omitempty"`
	// Connections is the number of parallel uploads, 1 to 8 (default 2).
	Connections int `json:"connections,omitempty"`
	// TempPattern names the temporary upload; NAME is replaced by the file name
	// (default ".NAME.exchange-part").
	TempPattern    string          `json:"temp_pattern,omitempty"`
	Exists         ExistsPolicy    `json:"exists,omitempty"`
	Duplicates     DuplicatePolicy `json:"duplicates,omitempty"`
	RejectWarnings bool            `json:"reject_warnings,omitempty"` // refuse files with validation warnings too
	Template       string          `json:"template,omitempty"`        // Excel import template to check workbooks against
	// TemplateRequired refuses every Excel file unless it is checked against
	// Template: for a server (a Nexsure inbox) that imports only its format.
	TemplateRequired bool   `json:"template_required,omitempty"`
	ActiveAddress    string `json:"active_address,omitempty"` // external IP to announce in active mode (NAT)
	ActivePortMin    int    `json:"active_port_min,omitempty"`
	ActivePortMax    int    `json:"active_port_max,omitempty"`
	TimeoutSeconds   int    `json:"timeout_seconds,omitempty"` // per network wait (default 30)
	MaxRetries       int    `json:"max_retries,omitempty"`     // default 5
	// Proxy: "" the system's proxy, "direct", or socks5://[user@]host:port
	// or http://[user@]host:port (network.go).
	Proxy string `json:"proxy,omitempty"`
	// Limit is the speed limit of this profile's uploads together, like
	// "2MB/s" (transport/bandwidth.ParseRate); "" means none.
	Limit    string `json:"limit,omitempty"`
	ReadOnly bool   `json:"-"` // from the machine-wide file
	BuiltIn  bool   `json:"-"` // the local test server
}

// Defaults used when a field is empty.
const (
	DefaultConnections = 2
	DefaultTempPattern = ".NAME.exchange-part"
	DefaultTimeout     = 30 * time.Second
	DefaultMaxRetries  = 5
)

// WithDefaults returns p with every empty field set to its default.
func (p Profile) WithDefaults() Profile {
	if p.Connections <= 0 {
		p.Connections = DefaultConnections
	}
	if p.Connections > 8 {
		p.Connections = 8
	}
	if p.TempPattern == "" {
		p.TempPattern = DefaultTempPattern
	}
	if p.Exists == "" {
		p.Exists = KeepBoth
	}
	if p.Duplicates == "" {
		p.Duplicates = DuplicateAsk
	}
	if p.Mode == "" {
		p.Mode = Passive
	}
	if p.TLS == "" {
		p.TLS = TLSNone
	}
	if p.MaxRetries <= 0 {
		p.MaxRetries = DefaultMaxRetries
	}
	return p.applyPolicies(currentPolicies())
}

// ClientConfig turns the profile and a password into the FTP session config.
func (p Profile) ClientConfig(password string) (transport.Config, error) {
	p = p.WithDefaults()
	mode, err := p.Mode.clientMode()
	if err != nil {
		return transport.Config{}, fmt.Errorf("profile %q: %w", p.Name, err)
	}
	tlsMode, err := p.TLS.clientTLS()
	if err != nil {
		return transport.Config{}, fmt.Errorf("profile %q: %w", p.Name, err)
	}
	pol, err := MachinePolicies()
	if err != nil {
		return transport.Config{}, err
	}
	if err := p.checkSecure(pol); err != nil {
		return transport.Config{}, err
	}
	dialer, err := p.proxyDialer()
	if err != nil {
		return transport.Config{}, err
	}
	return transport.Config{
		Proxy:         dialer,
		Host:          p.Host,
		Port:          p.Port,
		User:          p.User,
		Password:      password,
		Mode:          mode,
		TLS:           tlsMode,
		TLS12Only:     p.TLS12Only,
		PinnedSHA256:  p.PinnedSHA256,
		Timeout:       time.Duration(p.TimeoutSeconds) * time.Second,
		ActiveAddress: p.ActiveAddress,
		ActivePortMin: p.ActivePortMin,
		ActivePortMax: p.ActivePortMax,
		Protocol:      p.Protocol,
		KeyFile:       p.KeyFile,
	}, nil
}

// The built-in local test server: the window runs it, `exchange serve` runs
// it on its own, and this profile points at it.
const (
	BuiltInName = "Local test server"
	BuiltInUser = "exchange"
	BuiltInPort = 2121
)

// BuiltInProfile is the profile of the built-in local test server on port.
func BuiltInProfile(port int) Profile {
	return Profile{Name: BuiltInName, Host: "127.0.0.1", Port: port, User: BuiltInUser, RemoteDir: "/", BuiltIn: true}
}

// BuiltInInbox is where files sent to the built-in server land:
// EXCHANGE_INBOX, else "Exchange Inbox" in the home folder.
func BuiltInInbox() string {
	if d := os.Getenv("EXCHANGE_INBOX"); d != "" {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	return filepath.Join(home, "Exchange Inbox")
}

// StateDir is where Exchange keeps its journal, history and profiles:
// EXCHANGE_STATE_DIR, else "Exchange" in the user's config folder.
func StateDir() (string, error) {
	if d := os.Getenv("EXCHANGE_STATE_DIR"); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the config folder: %w", err)
	}
	return filepath.Join(base, "Exchange"), nil
}

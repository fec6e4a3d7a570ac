// Package verdict is the outcome of a diagnosis ("Test connection"): its
// timed steps and the verdict in plain words. It holds types only, so that
// the window can show a diagnosis without linking in the protocol code that
// runs it (package diagnose).
package verdict

import (
	"time"

	"exchange/transport"
)

// Status of one step.
type Status string

const (
	OK      Status = "ok"
	Failed  Status = "failed"
	Skipped Status = "skipped"
)

// Step is one timed check.
type Step struct {
	Name     string        `json:"step"`
	Status   Status        `json:"status"`
	Duration time.Duration `json:"duration"`
	Detail   string        `json:"detail,omitempty"`
}

// Result is the whole diagnosis.
type Result struct {
	Steps     []Step `json:"steps"`
	PassiveOK bool   `json:"passive_ok"`
	ActiveOK  bool   `json:"active_ok"`
	// Recommended is the mode to use ("passive" or "active"), "" when none works.
	Recommended string `json:"recommended,omitempty"`
	// Verdict is what a clerk reads; Advice is what to ask an administrator.
	Verdict string `json:"verdict"`
	Advice  string `json:"advice,omitempty"`
	// Certificate is the server's certificate, with TLS.
	Certificate *transport.CertInfo `json:"certificate,omitempty"`
	// UntrustedCertificate is the SHA-256 fingerprint of the server's
	// certificate when the test stopped because this computer does not
	// trust it (no pin and not signed by a trusted authority, or a pin that
	// does not match): the window offers to trust exactly this one.
	UntrustedCertificate string `json:"untrusted_certificate,omitempty"`
	// LoginDir is the folder the server logs the user in to, as PWD names
	// it ("/" when it chroots, "/home/clerk" when not); "" before login or
	// when the server would not say.
	LoginDir string `json:"login_dir,omitempty"`
	// TargetDir is where files will land: the profile's remote folder
	// resolved against LoginDir.
	TargetDir string `json:"target_dir,omitempty"`
	// HostKey is the SFTP server's SSH host key fingerprint ("SHA256:...").
	HostKey string `json:"host_key,omitempty"`
	// UntrustedHostKey is HostKey when the SFTP test stopped because no key
	// is pinned yet: the window offers to trust exactly this one.
	UntrustedHostKey string `json:"untrusted_host_key,omitempty"`
	// SSHOffered: an FTP profile's data connections failed in both modes
	// and an SSH server answers on the same host: switching the profile to
	// SFTP would avoid the firewall problem (SSHBanner says which server).
	SSHOffered bool   `json:"ssh_offered,omitempty"`
	SSHBanner  string `json:"ssh_banner,omitempty"`
}

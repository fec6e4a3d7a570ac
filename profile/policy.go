package profile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"exchange/transport"
)

// Policies are what an administrator sets for every user of the computer, in
// the machine-wide file (its "policies" object, beside "profiles") and, on
// Windows, under HKLM\Software\Policies\Exchange (which the MSI's properties
// write; a value there wins over the file). The zero value sets nothing.
type Policies struct {
	// LockProfiles: clerks cannot add, edit or remove profiles.
	LockProfiles bool `json:"lock_profiles,omitempty"`
	// RequireSecure: every connection must be encrypted (FTPS, or SFTP):
	// plain FTP is refused before anything is sent.
	RequireSecure bool `json:"require_secure,omitempty"`
	// ForbidOverwrite: a file never replaces one on the server; a profile
	// set to overwrite keeps both instead.
	ForbidOverwrite bool `json:"forbid_overwrite,omitempty"`
	// Duplicates forces the duplicate policy of every profile ("ask",
	// "skip" or "send"); "" leaves it to the profile.
	Duplicates DuplicatePolicy `json:"duplicates,omitempty"`
	// ForbidSavedPasswords: passwords are asked each time, never kept in
	// the keychain (ones kept before are ignored).
	ForbidSavedPasswords bool `json:"forbid_saved_passwords,omitempty"`
	// DisableBuiltInServer: no local test server (window or exchange serve).
	DisableBuiltInServer bool `json:"disable_builtin_server,omitempty"`
	// RejectWarnings: files with validation warnings are refused too.
	RejectWarnings bool `json:"reject_warnings,omitempty"`
	// RequireAudit: nothing is sent when the audit trail cannot be written.
	RequireAudit bool `json:"require_audit,omitempty"`
	// AuditDir, AuditMaxSizeMB and AuditKeep place and size the audit trail
	// (package audit's defaults when empty).
	AuditDir       string `json:"audit_dir,omitempty"`
	AuditMaxSizeMB int    `json:"audit_max_size_mb,omitempty"`
	AuditKeep      int    `json:"audit_keep,omitempty"`
	// SpeedLimit is the global speed limit, like "2MB/s"; "" means none.
	SpeedLimit string `json:"speed_limit,omitempty"`
}

// SetByAdministrator is what the window and the command line say of a
// setting a policy fixes.
const SetByAdministrator = "set by your administrator"

// Policy errors.
var (
	ErrProfilesLocked   = errors.New("the server profiles are " + SetByAdministrator + ": they cannot be added, edited or removed here")
	ErrPasswordsNotKept = errors.New("your administrator does not allow saving passwords: it will be asked each time")
	ErrBuiltInDisabled  = errors.New("the built-in test server is disabled by your administrator")
)

// machinePolicyFile is the part of the machine-wide file policies come from.
type machinePolicyFile struct {
	Policies Policies `json:"policies"`
}

// policyCache keeps the policies read from the machine-wide file until the
// file changes.
var policyCache struct {
	mu      sync.Mutex
	path    string
	modTime time.Time
	size    int64
	read    bool
	pol     Policies
	err     error
}

// MachinePolicies reads the administrator's policies: the machine-wide file
// (MachineProfilesFile), then the Windows registry over it. A file that
// cannot be read or parsed is an error: callers that enforce a policy refuse
// rather than guess.
func MachinePolicies() (Policies, error) {
	pol, err := filePolicies(MachineProfilesFile())
	if err != nil {
		return pol, err
	}
	registryPolicies(&pol)
	return pol, pol.check()
}

func filePolicies(path string) (Policies, error) {
	c := &policyCache
	c.mu.Lock()
	defer c.mu.Unlock()
	info, statErr := os.Stat(path)
	if statErr == nil && c.read && c.path == path && c.modTime.Equal(info.ModTime()) && c.size == info.Size() {
		return c.pol, c.err
	}
	c.read, c.path = false, path
	var pol Policies
	var err error
	switch raw, rerr := os.ReadFile(path); {
	case errors.Is(rerr, os.ErrNotExist):
	case rerr != nil:
		err = fmt.Errorf("read the administrator's policies: %w", rerr)
	default:
		var f machinePolicyFile
		if jerr := json.Unmarshal(withoutBOM(raw), &f); jerr != nil {
			err = fmt.Errorf("the machine-wide file %s is damaged: %w", path, jerr)
		}
		pol = f.Policies
	}
	if statErr == nil {
		c.read, c.modTime, c.size, c.pol, c.err = true, info.ModTime(), info.Size(), pol, err
	}
	return pol, err
}

func (p Policies) check() error {
	switch p.Duplicates {
	case "", DuplicateAsk, DuplicateSkip, DuplicateSend:
		return nil
	}
	return fmt.Errorf("the administrator's duplicate policy %q is not ask, skip or send", p.Duplicates)
}

// currentPolicies is MachinePolicies for the places that cannot report an
// error: a damaged file sets nothing there (it is reported where profiles
// and policies are read).
func currentPolicies() Policies {
	pol, _ := MachinePolicies()
	return pol
}

// applyPolicies fixes what the policies fix in a profile.
func (p Profile) applyPolicies(pol Policies) Profile {
	if pol.ForbidOverwrite && p.Exists == Overwrite {
		p.Exists = KeepBoth
	}
	if pol.Duplicates != "" {
		p.Duplicates = pol.Duplicates
	}
	if pol.RejectWarnings {
		p.RejectWarnings = true
	}
	return p
}

// checkSecure refuses a plain connection when the administrator requires
// encryption.
func (p Profile) checkSecure(pol Policies) error {
	if tlsMode, err := p.TLS.clientTLS(); pol.RequireSecure && err == nil && tlsMode == transport.TLSNone && !p.BuiltIn {
		return fmt.Errorf("profile %q uses plain FTP, and your administrator requires an encrypted connection: set TLS to explicit or implicit (FTPS)", p.Name)
	}
	return nil
}

// checkUnlocked refuses a change to the profiles when the administrator
// locked them (or when the policies cannot be read).
func checkUnlocked() error {
	pol, err := MachinePolicies()
	if err != nil {
		return err
	}
	if pol.LockProfiles {
		return ErrProfilesLocked
	}
	return nil
}

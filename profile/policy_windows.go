//go:build windows

package profile

import (
	"strconv"
	"strings"

	"golang.org/x/sys/windows/registry"
)

// registryPolicies reads HKLM\Software\Policies\Exchange over the file's
// policies. Group policy writes DWORDs, the MSI writes strings from its
// properties (an empty string sets nothing); both are read: LockProfiles,
// RequireSecure, ForbidOverwrite, ForbidSavedPasswords, DisableBuiltInServer,
// RejectWarnings, RequireAudit (1 or 0), AuditMaxSizeMB, AuditKeep (numbers),
// Duplicates, AuditDir, SpeedLimit (text).
func registryPolicies(p *Policies) {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, `Software\Policies\Exchange`, registry.QUERY_VALUE)
	if err != nil {
		return
	}
	defer k.Close()
	value := func(name string) (string, bool) {
		if v, _, err := k.GetIntegerValue(name); err == nil {
			return strconv.FormatUint(v, 10), true
		}
		if v, _, err := k.GetStringValue(name); err == nil && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v), true
		}
		return "", false
	}
	flag := func(name string, dst *bool) {
		if v, ok := value(name); ok {
			*dst = registryFlag(v)
		}
	}
	number := func(name string, dst *int) {
		if v, ok := value(name); ok {
			if n, err := strconv.Atoi(v); err == nil {
				*dst = n
			}
		}
	}
	text := func(name string, dst *string) {
		if v, ok := value(name); ok {
			*dst = v
		}
	}
	flag("LockProfiles", &p.LockProfiles)
	flag("RequireSecure", &p.RequireSecure)
	flag("ForbidOverwrite", &p.ForbidOverwrite)
	flag("ForbidSavedPasswords", &p.ForbidSavedPasswords)
	flag("DisableBuiltInServer", &p.DisableBuiltInServer)
	flag("RejectWarnings", &p.RejectWarnings)
	flag("RequireAudit", &p.RequireAudit)
	number("AuditMaxSizeMB", &p.AuditMaxSizeMB)
	number("AuditKeep", &p.AuditKeep)
	var dup string
	text("Duplicates", &dup)
	if dup != "" {
		p.Duplicates = DuplicatePolicy(strings.ToLower(dup))
	}
	text("AuditDir", &p.AuditDir)
	text("SpeedLimit", &p.SpeedLimit)
}

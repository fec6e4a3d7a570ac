//go:build windows

package profile

import "golang.org/x/sys/windows/registry"

// registryPolicies reads HKLM\Software\Policies\Exchange over the file's
// policies: DWORD values LockProfiles, RequireSecure, ForbidOverwrite,
// ForbidSavedPasswords, DisableBuiltInServer, RejectWarnings, RequireAudit,
// AuditMaxSizeMB, AuditKeep; strings Duplicates, AuditDir, SpeedLimit.
func registryPolicies(p *Policies) {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, `Software\Policies\Exchange`, registry.QUERY_VALUE)
	if err != nil {
		return
	}
	defer k.Close()
	flag := func(name string, dst *bool) {
		if v, _, err := k.GetIntegerValue(name); err == nil {
			*dst = v != 0
		}
	}
	number := func(name string, dst *int) {
		if v, _, err := k.GetIntegerValue(name); err == nil {
			*dst = int(v)
		}
	}
	text := func(name string, dst *string) {
		if v, _, err := k.GetStringValue(name); err == nil && v != "" {
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
		p.Duplicates = DuplicatePolicy(dup)
	}
	text("AuditDir", &p.AuditDir)
	text("SpeedLimit", &p.SpeedLimit)
}

//go:build windows

package profile

import (
	"strconv"

	"golang.org/x/sys/windows/registry"
)

// registryProfile reads HKLM\Software\Exchange\DefaultProfile, written by the
// MSI from its SERVER_* properties. An empty Host means none was given.
func registryProfile() (Profile, bool) {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, `Software\Exchange\DefaultProfile`, registry.QUERY_VALUE)
	if err != nil {
		return Profile{}, false
	}
	defer k.Close()
	get := func(name string) string {
		v, _, _ := k.GetStringValue(name)
		return v
	}
	p := Profile{Name: get("Name"), Host: get("Host"), User: get("User"), RemoteDir: get("RemoteDir"),
		Mode: Mode(get("Mode")), TLS: TLSMode(get("TLS")), PinnedSHA256: get("PinnedSHA256"),
		Protocol: get("Protocol"), KeyFile: get("KeyFile")} // SFTP: PinnedSHA256 pins the host key
	if p.Host == "" {
		return Profile{}, false
	}
	if p.Name == "" {
		p.Name = "Agency server"
	}
	p.Port, _ = strconv.Atoi(get("Port"))
	return p, true
}

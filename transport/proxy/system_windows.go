//go:build windows

package proxy

import "golang.org/x/sys/windows/registry"

// fromPlatform reads the user's Internet settings (what the Windows proxy
// dialog and group policy set): ProxyEnable, ProxyServer, ProxyOverride.
func fromPlatform() System {
	k, err := registry.OpenKey(registry.CURRENT_USER, `Software\Microsoft\Windows\CurrentVersion\Internet Settings`, registry.QUERY_VALUE)
	if err != nil {
		return System{}
	}
	defer k.Close()
	enabled, _, err := k.GetIntegerValue("ProxyEnable")
	if err != nil || enabled == 0 {
		return System{}
	}
	server, _, _ := k.GetStringValue("ProxyServer")
	override, _, _ := k.GetStringValue("ProxyOverride")
	return fromInternetSettings(server, override)
}

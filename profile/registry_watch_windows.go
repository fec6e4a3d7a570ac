//go:build windows

package profile

import "golang.org/x/sys/windows/registry"

// registryWatch reads HKLM\Software\Exchange\Watch, written by the MSI from
// its WATCH_DIR and WATCH_AFTER properties. An empty Dir means none was given.
func registryWatch() (MachineWatchSetting, bool) {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, `Software\Exchange\Watch`, registry.QUERY_VALUE)
	if err != nil {
		return MachineWatchSetting{}, false
	}
	defer k.Close()
	dir, _, _ := k.GetStringValue("Dir")
	after, _, _ := k.GetStringValue("After")
	if dir == "" {
		return MachineWatchSetting{}, false
	}
	return MachineWatchSetting{Dir: dir, After: after}, true
}

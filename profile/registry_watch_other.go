//go:build !windows

package profile

// registryWatch exists only on Windows, where the MSI writes it.
func registryWatch() (MachineWatchSetting, bool) { return MachineWatchSetting{}, false }

//go:build !windows

package profile

// registryProfile exists only on Windows, where the MSI writes it.
func registryProfile() (Profile, bool) { return Profile{}, false }

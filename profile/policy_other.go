//go:build !windows

package profile

// registryPolicies: only Windows has policies in the registry.
func registryPolicies(*Policies) {}

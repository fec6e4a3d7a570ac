package profile

import "strings"

// registryFlag reads a policy flag as the registry holds it: "1", "yes",
// "true" (any case) turn it on; anything else off. It lives outside the
// Windows build so that it is tested everywhere.
func registryFlag(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "yes", "true", "on":
		return true
	}
	return false
}

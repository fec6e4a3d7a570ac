package cli

import "exchange/profile"

// builtInAllowed refuses the built-in server when the administrator disabled it.
func builtInAllowed() error {
	pol, err := profile.MachinePolicies()
	if err != nil {
		return err
	}
	if pol.DisableBuiltInServer {
		return profile.ErrBuiltInDisabled
	}
	return nil
}

package cli

import (
	"exchange/app"
	"exchange/profile"
)

// The built-in local test server: the same defaults for `exchange serve`, the
// window's built-in server and the "Local test server" profile.
const (
	builtInPort = profile.BuiltInPort
	builtInUser = profile.BuiltInUser
)

// BuiltInInbox is the folder where files sent to the built-in server land.
func BuiltInInbox() string { return profile.BuiltInInbox() }

// openProfiles opens the profile store of the state folder (flag value or
// default), with the OS keychain and the built-in server's profile.
func openProfiles(stateFlag string) (*profile.Store, error) {
	dir, err := app.StateDir(stateFlag)
	if err != nil {
		return nil, err
	}
	s, err := profile.OpenStore(dir, profile.OSKeychain{})
	if err != nil {
		return nil, err
	}
	pol, err := profile.MachinePolicies()
	if err != nil {
		return nil, err
	}
	if !pol.DisableBuiltInServer {
		s.SetBuiltIn(profile.BuiltInProfile(builtInPort))
	}
	return s, nil
}

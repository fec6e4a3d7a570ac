package cli

import (
	"os"
	"path/filepath"

	"exchange/uploader/profile"
)

// The built-in local test server: the same defaults for `exchange serve`, the
// window's built-in server and the "Local test server" profile.
const (
	builtInPort = 2121
	builtInUser = "exchange"
)

// BuiltInInbox is the folder where files sent to the built-in server land.
func BuiltInInbox() string {
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	return filepath.Join(home, "Exchange Inbox")
}

// BuiltInProfile is the profile of the built-in local test server on port.
func BuiltInProfile(port int) profile.Profile {
	return profile.Profile{Name: "Local test server", Host: "127.0.0.1", Port: port, User: builtInUser,
		RemoteDir: "/", BuiltIn: true}
}

// openProfiles opens the profile store of the state folder (flag value or
// default), with the OS keychain and the built-in server's profile.
func openProfiles(stateFlag string) (*profile.Store, error) {
	dir, err := stateDir(stateFlag)
	if err != nil {
		return nil, err
	}
	s, err := profile.OpenStore(dir, profile.OSKeychain{})
	if err != nil {
		return nil, err
	}
	s.SetBuiltIn(BuiltInProfile(builtInPort))
	return s, nil
}

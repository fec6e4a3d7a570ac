package app

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"

	"exchange/localserver"
	"exchange/profile"
	"exchange/transport/bandwidth"
	"exchange/uploader"
)

// Config says where the program keeps its state. The zero value is what
// ships: the user's state folder, the OS keychain, the usual inbox and port.
type Config struct {
	// StateDir holds the journal and profiles.json; "" means profile.StateDir().
	StateDir string
	// Keychain remembers passwords; nil means the OS keychain.
	Keychain profile.Keychain
	// Inbox is where the built-in server keeps what it receives; "" means
	// profile.BuiltInInbox().
	Inbox string
	// BuiltInAddr is the built-in server's address; "" means its usual port
	// (or EXCHANGE_BUILTIN_PORT), any free one when that is taken.
	BuiltInAddr string
}

// Parts are the long-lived pieces both programs share: close them with Close.
type Parts struct {
	State    string
	Journal  *uploader.Journal
	Profiles *profile.Store
	Inbox    string
	BuiltIn  *localserver.Server // nil when the administrator disabled it
	// Limits are the speed limits of this program's uploads (limits.go).
	Limits *bandwidth.Limits
	// Policies are the administrator's (profile.MachinePolicies).
	Policies profile.Policies
}

// Open opens the state folder, the journal and the profiles, and starts the
// built-in server.
func Open(cfg Config) (*Parts, error) {
	state, err := StateDir(cfg.StateDir)
	if err != nil {
		return nil, err
	}
	keys := cfg.Keychain
	if keys == nil {
		keys = profile.OSKeychain{}
	}
	store, err := profile.OpenStore(state, keys)
	if err != nil {
		return nil, err
	}
	journal, err := uploader.OpenJournal(state)
	if err != nil {
		return nil, fmt.Errorf("open the upload journal: %w", err)
	}
	inbox := cfg.Inbox
	if inbox == "" {
		inbox = profile.BuiltInInbox()
	}
	pol, err := profile.MachinePolicies()
	if err != nil {
		journal.Close()
		return nil, err
	}
	limits, err := policyLimits(pol)
	if err != nil {
		journal.Close()
		return nil, err
	}
	parts := &Parts{State: state, Journal: journal, Profiles: store, Inbox: inbox, Limits: limits, Policies: pol}
	if pol.DisableBuiltInServer {
		return parts, nil
	}
	if parts.BuiltIn, err = startBuiltIn(inbox, cfg.BuiltInAddr); err != nil {
		journal.Close()
		return nil, fmt.Errorf("start the built-in server: %w", err)
	}
	store.SetBuiltIn(profile.BuiltInProfile(parts.BuiltIn.Port()))
	return parts, nil
}

// Close stops the built-in server and closes the journal.
func (p *Parts) Close() error {
	var err error
	if p.BuiltIn != nil {
		err = p.BuiltIn.Close()
	}
	return errors.Join(err, p.Journal.Close())
}

// StateDir is where the journal and profiles live: flagValue when given,
// else EXCHANGE_STATE_DIR, else "Exchange" in the user's config folder.
func StateDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	dir, err := profile.StateDir()
	if err != nil {
		return "", fmt.Errorf("%w (use --state DIR, or set EXCHANGE_STATE_DIR)", err)
	}
	return dir, nil
}

// startBuiltIn runs the built-in server on addr, or on its usual port (any
// free one when that is taken: another Exchange, or `exchange serve`).
func startBuiltIn(inbox, addr string) (*localserver.Server, error) {
	opts := localserver.Options{Dir: inbox, User: profile.BuiltInUser, Password: profile.BuiltInPassword}
	if addr != "" {
		opts.ListenAddr = addr
		return localserver.Start(opts)
	}
	opts.ListenAddr = net.JoinHostPort("127.0.0.1", strconv.Itoa(profile.BuiltInPort))
	if p := os.Getenv("EXCHANGE_BUILTIN_PORT"); p != "" {
		opts.ListenAddr = net.JoinHostPort("127.0.0.1", p)
	}
	srv, err := localserver.Start(opts)
	if err == nil {
		return srv, nil
	}
	opts.ListenAddr = "127.0.0.1:0"
	srv, err2 := localserver.Start(opts)
	if err2 != nil {
		return nil, errors.Join(err, err2)
	}
	return srv, nil
}

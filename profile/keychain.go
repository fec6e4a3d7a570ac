package profile

import (
	"errors"
	"fmt"

	"github.com/zalando/go-keyring"
)

// Passwords live only in the OS keychain (Windows Credential Manager, macOS
// Keychain, Secret Service on Linux) under this service name.
const keyService = "Exchange"

// ErrNoKeychain says the password cannot be remembered on this computer.
var ErrNoKeychain = errors.New("no keychain on this computer: the password will be asked each time")

// Keychain stores secrets. OSKeychain is the real one; tests use
// keyring.MockInit() with it.
type Keychain interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

// OSKeychain is the operating system's keychain through zalando/go-keyring.
type OSKeychain struct{}

func (OSKeychain) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (OSKeychain) Set(service, user, pw string) error       { return keyring.Set(service, user, pw) }
func (OSKeychain) Delete(service, user string) error        { return keyring.Delete(service, user) }

// NoKeychain remembers nothing.
type NoKeychain struct{}

func (NoKeychain) Get(string, string) (string, error) { return "", ErrNoKeychain }
func (NoKeychain) Set(string, string, string) error   { return ErrNoKeychain }
func (NoKeychain) Delete(string, string) error        { return nil }

func keyName(p Profile) string { return p.Name + "/" + p.User }

// BuiltInPassword is the password of the built-in local test server. It
// listens on 127.0.0.1 only, so a fixed password is no secret worth keeping.
const BuiltInPassword = "exchange-local"

// Password returns the remembered password of a profile. ErrNoPassword means
// none is remembered (ask the user); ErrNoKeychain that none can be.
func (s *Store) Password(p Profile) (string, error) {
	if p.BuiltIn {
		return BuiltInPassword, nil
	}
	if currentPolicies().ForbidSavedPasswords {
		return "", ErrNoPassword // one kept before the policy is not used
	}
	pw, err := s.keys.Get(keyService, keyName(p))
	switch {
	case err == nil:
		return pw, nil
	case errors.Is(err, keyring.ErrNotFound):
		return "", ErrNoPassword
	case errors.Is(err, ErrNoKeychain):
		return "", err
	}
	return "", fmt.Errorf("%w (%v)", ErrNoKeychain, err)
}

// ErrNoPassword says no password is remembered for the profile.
var ErrNoPassword = errors.New("no password remembered for this profile")

// SetPassword remembers the password in the keychain. It returns
// ErrNoKeychain when there is none: the password is then not kept anywhere.
func (s *Store) SetPassword(p Profile, password string) error {
	if p.BuiltIn {
		return nil
	}
	if pol, err := MachinePolicies(); err != nil || pol.ForbidSavedPasswords {
		return errors.Join(ErrPasswordsNotKept, err)
	}
	if err := s.keys.Set(keyService, keyName(p), password); err != nil {
		if errors.Is(err, ErrNoKeychain) {
			return err
		}
		return fmt.Errorf("%w (%v)", ErrNoKeychain, err)
	}
	return nil
}

package profile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// FileName is the user's profile file inside the state folder.
const FileName = "profiles.json"

// ErrNotFound is returned for a profile name that does not exist.
var ErrNotFound = errors.New("no such profile")

// Store keeps the user's profiles in one JSON file, over the read-only
// machine-wide profiles an administrator installed, and with the built-in
// local test server always present. It never writes a password to a file.
type Store struct {
	dir     string
	keys    Keychain
	builtIn *Profile

	mu sync.Mutex
}

// fileFormat is profiles.json.
type fileFormat struct {
	Default  string    `json:"default,omitempty"`
	Profiles []Profile `json:"profiles"`
}

// OpenStore opens the profiles of the state folder dir. keys may be nil: then
// no password is ever remembered.
func OpenStore(dir string, keys Keychain) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("profiles folder: %w", err)
	}
	if keys == nil {
		keys = NoKeychain{}
	}
	return &Store{dir: dir, keys: keys}, nil
}

// SetBuiltIn adds the built-in local test server profile (not saved to the file).
func (s *Store) SetBuiltIn(p Profile) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p.BuiltIn = true
	s.builtIn = &p
}

func (s *Store) path() string { return filepath.Join(s.dir, FileName) }

func (s *Store) read() (fileFormat, error) {
	var f fileFormat
	raw, err := os.ReadFile(s.path())
	if errors.Is(err, os.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("read profiles: %w", err)
	}
	if err := json.Unmarshal(withoutBOM(raw), &f); err != nil {
		return f, fmt.Errorf("profiles file %s is damaged: %w", s.path(), err)
	}
	return f, nil
}

// write replaces the file atomically: a temporary file, fsync, rename.
func (s *Store) write(f fileFormat) error {
	for i := range f.Profiles {
		f.Profiles[i].ReadOnly, f.Profiles[i].BuiltIn = false, false
	}
	raw, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(s.dir, ".profiles-*.json")
	if err != nil {
		return fmt.Errorf("save profiles: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(raw, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("save profiles: %w", err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("save profiles: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save profiles: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save profiles: %w", err)
	}
	if err := os.Rename(tmp.Name(), s.path()); err != nil {
		return fmt.Errorf("save profiles: %w", err)
	}
	return nil
}

// List returns every profile: the built-in one first, then the user's and
// the machine-wide ones by name (a user profile hides a machine one of the
// same name).
func (s *Store) List() ([]Profile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.list()
}

func (s *Store) list() ([]Profile, error) {
	f, err := s.read()
	if err != nil {
		return nil, err
	}
	byName := map[string]Profile{}
	machine, err := MachineProfiles()
	if err != nil {
		return nil, err
	}
	for _, p := range machine {
		p.ReadOnly = true
		byName[p.Name] = p
	}
	if !currentPolicies().LockProfiles { // a locked list has the administrator's only
		for _, p := range f.Profiles {
			byName[p.Name] = p
		}
	}
	var out []Profile
	for _, p := range byName {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	if s.builtIn != nil {
		out = append([]Profile{*s.builtIn}, out...)
	}
	return out, nil
}

// Get returns one profile by name (case-insensitive).
func (s *Store) Get(name string) (Profile, error) {
	all, err := s.List()
	if err != nil {
		return Profile{}, err
	}
	for _, p := range all {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
	}
	return Profile{}, fmt.Errorf("profile %q: %w", name, ErrNotFound)
}

// Save adds or replaces a user profile. Machine-wide profiles are copied into
// the user's file when edited (the machine file is never written).
func (s *Store) Save(p Profile) error {
	if err := checkUnlocked(); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if p.BuiltIn {
		return fmt.Errorf("the built-in local test server cannot be edited; add a new profile instead")
	}
	return s.update(func(f *fileFormat) error {
		replaced := false
		for i := range f.Profiles {
			if strings.EqualFold(f.Profiles[i].Name, p.Name) {
				f.Profiles[i], replaced = p, true
			}
		}
		if !replaced {
			f.Profiles = append(f.Profiles, p)
		}
		return nil
	})
}

// update reads the user's file, lets change edit it and writes it back, all
// under the store's lock; an error from change writes nothing.
func (s *Store) update(change func(f *fileFormat) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.read()
	if err != nil {
		return err
	}
	if err := change(&f); err != nil {
		return err
	}
	return s.write(f)
}

// Replace saves p in place of the profile named old, for an edit that renamed
// it or changed its user: the old entry goes, the remembered password
// follows p (the keychain knows it by name and user), and a default stays the
// default. With the same name and user it is Save.
func (s *Store) Replace(old Profile, p Profile) error {
	renamed := old.Name != "" && !strings.EqualFold(old.Name, p.Name)
	userChanged := old.Name != "" && old.User != p.User
	if !renamed && !userChanged {
		return s.Save(p)
	}
	if renamed {
		if _, err := s.Get(p.Name); err == nil {
			return fmt.Errorf("a profile named %q exists already; choose another name", p.Name)
		}
	}
	if err := s.Save(p); err != nil {
		return err
	}
	if pw, err := s.Password(old); err == nil && !old.BuiltIn {
		if err := s.SetPassword(p, pw); err != nil {
			return fmt.Errorf("saved %q, but its password could not follow it: %w", p.Name, err)
		}
	}
	if !renamed { // same entry, new user: only the old keychain entry goes
		_ = s.keys.Delete(keyService, keyName(old))
		return nil
	}
	s.mu.Lock()
	f, err := s.read()
	s.mu.Unlock()
	if err != nil {
		return err
	}
	wasDefault := strings.EqualFold(f.Default, old.Name)
	// A machine-wide profile is not in the user's file: there is nothing to
	// remove, and its entry in the machine file stays.
	if err := s.Remove(old.Name); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	if wasDefault {
		return s.SetDefault(p.Name)
	}
	return nil
}

// Remove deletes a user profile and its password.
func (s *Store) Remove(name string) error {
	if err := checkUnlocked(); err != nil {
		return err
	}
	var removed *Profile
	err := s.update(func(f *fileFormat) error {
		kept := f.Profiles[:0]
		for _, p := range f.Profiles {
			if strings.EqualFold(p.Name, name) {
				p := p
				removed = &p
				continue
			}
			kept = append(kept, p)
		}
		if removed == nil {
			return fmt.Errorf("profile %q is not one of your profiles: %w", name, ErrNotFound)
		}
		f.Profiles = kept
		if strings.EqualFold(f.Default, name) {
			f.Default = ""
		}
		return nil
	})
	if err != nil {
		return err
	}
	_ = s.keys.Delete(keyService, keyName(*removed))
	return nil
}

// Default returns the profile the window and Quick upload use first: the one
// chosen with SetDefault, else the first machine-wide one, else the built-in.
func (s *Store) Default() (Profile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.read()
	if err != nil {
		return Profile{}, err
	}
	all, err := s.list()
	if err != nil {
		return Profile{}, err
	}
	if len(all) == 0 {
		return Profile{}, fmt.Errorf("no profile: %w", ErrNotFound)
	}
	for _, p := range all {
		if f.Default != "" && strings.EqualFold(p.Name, f.Default) {
			return p, nil
		}
	}
	for _, p := range all {
		if p.ReadOnly {
			return p, nil
		}
	}
	return all[0], nil
}

// SetDefault chooses the default profile.
func (s *Store) SetDefault(name string) error {
	if _, err := s.Get(name); err != nil {
		return err
	}
	return s.update(func(f *fileFormat) error {
		f.Default = name
		return nil
	})
}

package watch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// DefinitionsFile is where the window keeps the user's watches, in the state folder.
const DefinitionsFile = "watches.json"

// DefinitionStore reads and writes the user's watches.
type DefinitionStore struct {
	path string
	mu   sync.Mutex
}

// NewDefinitionStore keeps the watches in dir/watches.json.
func NewDefinitionStore(dir string) *DefinitionStore {
	return &DefinitionStore{path: filepath.Join(dir, DefinitionsFile)}
}

// Load returns the saved watches (none when the file does not exist).
func (s *DefinitionStore) Load() ([]Definition, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.load()
}

func (s *DefinitionStore) load() ([]Definition, error) {
	raw, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the watched folders (%s): %w", s.path, err)
	}
	var defs []Definition
	if err := json.Unmarshal(raw, &defs); err != nil {
		return nil, fmt.Errorf("the list of watched folders (%s) is damaged: %w", s.path, err)
	}
	return defs, nil
}

// Update changes the saved watches with fn, written under a temporary name
// and renamed into place.
func (s *DefinitionStore) Update(fn func([]Definition) []Definition) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	defs, err := s.load()
	if err != nil {
		return err
	}
	raw, err := json.MarshalIndent(fn(defs), "", "  ")
	if err != nil {
		return err
	}
	tmp := s.path + ".new"
	if err := os.WriteFile(tmp, raw, 0o600); err != nil {
		return fmt.Errorf("save the watched folders: %w", err)
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return fmt.Errorf("save the watched folders: %w", err)
	}
	return nil
}

package al3

// keySet is a set of uint64 keys (packed group code, reference and sequence)
// that is emptied once per transaction. It is an open-addressing table whose
// slots carry a generation number, so clearing costs nothing and adding or
// finding a key is a few instructions: this runs for every data group.
type keySet struct {
	keys  []uint64
	gens  []uint32
	gen   uint32
	n     int
	limit int // the most keys kept; add reports false beyond it
}

func newKeySet(limit int) *keySet {
	s := &keySet{limit: limit, gen: 1}
	s.alloc(64) // grows as a transaction needs; a 4 KiB file needs no more
	return s
}

func (s *keySet) alloc(size int) {
	s.keys = make([]uint64, size)
	s.gens = make([]uint32, size)
	s.n = 0
}

// reset empties the set.
func (s *keySet) reset() {
	s.gen++
	s.n = 0
	if s.gen == 0 { // wrapped: old slots could look current
		clear(s.gens)
		s.gen = 1
	}
}

func (s *keySet) slot(key uint64) int {
	return int((key * 0x9E3779B97F4A7C15) >> 32)
}

// has reports whether key is in the set.
func (s *keySet) has(key uint64) bool {
	mask := len(s.keys) - 1
	for i := s.slot(key) & mask; s.gens[i] == s.gen; i = (i + 1) & mask {
		if s.keys[i] == key {
			return true
		}
	}
	return false
}

// add puts key in the set; it returns false when the set is full.
func (s *keySet) add(key uint64) bool {
	if 2*(s.n+1) > len(s.keys) {
		if s.n >= s.limit {
			return false
		}
		s.grow()
	}
	mask := len(s.keys) - 1
	i := s.slot(key) & mask
	for ; s.gens[i] == s.gen; i = (i + 1) & mask {
		if s.keys[i] == key {
			return true
		}
	}
	s.keys[i], s.gens[i] = key, s.gen
	s.n++
	return true
}

func (s *keySet) grow() {
	oldKeys, oldGens, gen := s.keys, s.gens, s.gen
	s.alloc(2 * len(oldKeys))
	for i, k := range oldKeys {
		if oldGens[i] == gen {
			s.add(k)
		}
	}
}

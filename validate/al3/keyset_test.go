package al3

import "testing"

func TestKeySet(t *testing.T) {
	s := newKeySet(5000)
	for round := 0; round < 3; round++ {
		for k := uint64(1); k <= 3000; k++ {
			if !s.add(k * 7919) {
				t.Fatalf("add %d refused", k)
			}
		}
		for k := uint64(1); k <= 3000; k++ {
			if !s.has(k * 7919) {
				t.Fatalf("round %d: key %d lost", round, k)
			}
		}
		if s.has(1) || s.has(7919*3001) {
			t.Fatal("has a key never added")
		}
		s.reset()
		if s.has(7919) {
			t.Fatal("reset kept a key")
		}
	}
	small := newKeySet(600)
	added := 0
	for k := uint64(1); k <= 2000; k++ {
		if small.add(k) {
			added++
		}
	}
	if added < 600 || added >= 2000 {
		t.Errorf("limit 600 let %d keys in", added)
	}
}

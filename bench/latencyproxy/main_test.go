package main

import (
	"slices"
	"testing"
)

func TestParsePorts(t *testing.T) {
	got, err := parsePorts("2121, 20000-20002")
	if err != nil || !slices.Equal(got, []int{2121, 20000, 20001, 20002}) {
		t.Fatalf("got %v, %v", got, err)
	}
	for _, bad := range []string{"", "x", "20002-20000", "0", "70000", "1-x"} {
		if _, err := parsePorts(bad); err == nil {
			t.Errorf("%q was taken as ports", bad)
		}
	}
}

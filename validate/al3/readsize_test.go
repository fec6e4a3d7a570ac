package al3_test

import (
	"testing"
)

// TestSameFindingsForEveryReadSize: the fuzzer's input where a damaged
// compression marker at the very end was reported with large reads only.
func TestSameFindingsForEveryReadSize(t *testing.T) {
	data := []byte("1MHG\xfaA0000000000000000\xfaAB0000000\xfaAE000\xfaAF00\xfaA80\xfa1C00\xfa700\xfa")
	assertSameForEveryReadSize(t, data)
}

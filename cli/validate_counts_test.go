package cli

import (
	"strings"
	"testing"

	"exchange/validate/al3/al3gen"
)

// A file with 20,000 warnings is said to have 20,000, not the 20 listed plus
// a marker, and the clerk reads how many were not listed (issue 14 item 9).
func TestValidateCountsEveryWarning(t *testing.T) {
	b := al3gen.New(al3gen.CRLF).Header(196)
	b.Transaction(al3gen.Txn{})
	for i := 1; i <= 200; i++ {
		// 100 bytes outside ASCII in each remark group: a warning each.
		b.Group(al3gen.G{Code: "5RMK", Len: 195, Ref: "F2", Seq: i, Set: map[int]string{40: strings.Repeat("\xE9", 100)}})
	}
	b.Trailer()
	path := writeFile(t, t.TempDir(), "many.al3", b.Bytes())
	code, out, errOut := run("validate", path)
	if code != ExitOK {
		t.Fatalf("exit %d, want 0 (warnings only):\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "20,000 warnings") && !strings.Contains(out, "20000 warnings") {
		t.Errorf("the count is not 20,000:\n%.600s", out)
	}
	if !strings.Contains(out, "19,980 more warnings") {
		t.Errorf("does not say how many were not listed:\n%.600s…%s", out, out[max(0, len(out)-300):])
	}
}

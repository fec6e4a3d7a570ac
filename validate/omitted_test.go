package validate_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"exchange/validate"
	"exchange/validate/al3/al3gen"
)

// TestWarningCountsAreComplete: 20,000 warnings are counted as 20,000 though
// only 20 are listed, and what is not listed is a separate field, never a
// finding without a place.
func TestWarningCountsAreComplete(t *testing.T) {
	b := al3gen.New(al3gen.CRLF).Header(196)
	b.Transaction(al3gen.Txn{})
	for i := 1; i <= 200; i++ {
		b.Group(al3gen.G{Code: "5RMK", Len: 195, Ref: "F2", Seq: i, Set: map[int]string{40: strings.Repeat("\xE9", 100)}})
	}
	b.Trailer()
	data := b.Bytes()
	rep, err := validate.Reader(bytes.NewReader(data), "x.al3", int64(len(data)), validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.WarningCount(); got != 20000 {
		t.Errorf("WarningCount() = %d, want 20000", got)
	}
	if !rep.Valid {
		t.Errorf("a file with only warnings is invalid: %+v", rep.Errors())
	}
	if got, want := rep.OmittedText(), "… and 19,980 more warnings, not listed."; got != want {
		t.Errorf("OmittedText() = %q, want %q", got, want)
	}
	out, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Findings []struct{ Offset int64 }
		Omitted  []struct {
			Rule  string
			Count int
		}
	}
	if err := json.Unmarshal(out, &decoded); err != nil {
		t.Fatal(err)
	}
	for _, f := range decoded.Findings {
		if f.Offset < 0 {
			t.Errorf("the JSON carries a finding without a place: %s", out)
			break
		}
	}
	if len(decoded.Omitted) != 1 || decoded.Omitted[0].Count != 19980 || decoded.Omitted[0].Rule != "al3/non-ascii" {
		t.Errorf("omitted in JSON = %+v", decoded.Omitted)
	}
}

package al3_test

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"exchange/validate/al3"
	"exchange/validate/al3/al3gen"
	"exchange/validate/report"
)

func check(t *testing.T, data []byte, name string) ([]report.Finding, *report.AL3Summary) {
	t.Helper()
	fs, sum, err := al3.Check(bytes.NewReader(data), al3.Options{Name: name})
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return fs, sum
}

func hasError(fs []report.Finding) bool {
	for _, f := range fs {
		if f.Severity == report.SeverityError {
			return true
		}
	}
	return false
}

func dump(fs []report.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n  %s %s @%d line %d group %q m%d t%d: %s", f.Severity, f.Rule, f.Offset, f.Line, f.Group, f.Message, f.Transaction, f.Text)
	}
	return b.String()
}

func TestValidLayouts(t *testing.T) {
	layouts := map[string]al3gen.Layout{
		"CR LF":                 {Separator: "\r\n"},
		"LF":                    {Separator: "\n"},
		"packed":                {},
		"CR LF counted":         {Separator: "\r\n", CountSeparator: true},
		"LF counted":            {Separator: "\n", CountSeparator: true},
		"CR LF compressed":      {Separator: "\r\n", Compress: true},
		"packed compressed B3":  {Compress: true, Marker: 0xB3},
		"count in characters":   {Separator: "\r\n", CountUnit: '0'},
		"characters compressed": {Separator: "\r\n", CountUnit: '0', Compress: true},
	}
	for name, l := range layouts {
		t.Run(name, func(t *testing.T) {
			b := al3gen.New(l).Message(3, 4)
			b.Message(1, 1)
			fs, sum := check(t, b.Bytes(), "DOWNLOAD.AL3")
			for _, f := range fs {
				switch f.Rule {
				case al3.RuleMultipleMessages:
				case al3.RuleCompressed:
					if !l.Compress {
						t.Errorf("compression reported for an uncompressed file")
					}
				default:
					t.Errorf("unexpected finding: %s", dump([]report.Finding{f}))
				}
			}
			if sum.Messages != 2 || sum.Transactions != 4 || sum.Groups != len(b.Placed()) {
				t.Errorf("summary = %+v, built %d groups", sum, len(b.Placed()))
			}
			if sum.Compressed != l.Compress {
				t.Errorf("summary compressed = %v", sum.Compressed)
			}
			if sum.Lines["AUTOP"] != 2 || sum.Categories["P"] != 4 || sum.Purposes["PCH"] != 4 {
				t.Errorf("summary counts = %+v", sum)
			}
			if len(sum.Dates) != 1 || sum.Dates[0] != "2026-03-15" {
				t.Errorf("dates = %v", sum.Dates)
			}
		})
	}
}

// TestCases checks that each malformation raises its rule at the offset the
// generator computed from what it built.
func TestCases(t *testing.T) {
	for _, c := range al3gen.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			fs, _ := check(t, c.Data, c.FileName)
			rule := c.Rule
			if c.Detection {
				rule = al3.RuleNotAL3 // the checker alone only knows it is not AL3
			}
			var got *report.Finding
			for i := range fs {
				if fs[i].Rule == rule && fs[i].Offset == c.Offset {
					got = &fs[i]
					break
				}
			}
			if got == nil {
				t.Fatalf("want %s at offset %d; got:%s", rule, c.Offset, dump(fs))
			}
			if c.Line != 0 && got.Line != c.Line {
				t.Errorf("line = %d, want %d", got.Line, c.Line)
			}
			if c.Group != "" && got.Group != c.Group {
				t.Errorf("group = %q, want %q", got.Group, c.Group)
			}
			if c.Message != 0 && got.Message != c.Message {
				t.Errorf("message = %d, want %d", got.Message, c.Message)
			}
			if c.Transaction != 0 && got.Transaction != c.Transaction {
				t.Errorf("transaction = %d, want %d", got.Transaction, c.Transaction)
			}
			if got.Text == "" {
				t.Error("finding has no sentence")
			}
			sev, _ := al3.SeverityOf(rule)
			if got.Severity != sev {
				t.Errorf("severity = %s, want %s", got.Severity, sev)
			}
			if sev != report.SeverityError && hasError(fs) {
				t.Errorf("a %s case must not make the file invalid:%s", sev, dump(fs))
			}
		})
	}
}

func TestRulesAllCovered(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range al3gen.Cases() {
		covered[c.Rule] = true
	}
	for _, r := range []string{al3.RuleEmpty, al3.RuleArchive, al3.RuleEBCDIC, al3.RuleNotAL3, al3.RuleBadGroupHeader,
		al3.RuleShortLength, al3.RuleTruncated, al3.RuleLineBreakInGroup, al3.RuleMissingTrailer, al3.RuleHeaderInMessage,
		al3.RuleDataAfterTrailer, al3.RuleGroupBeforeTransaction, al3.RuleBadCompression, al3.RuleTrailerCount,
		al3.RuleMoreToCome, al3.RuleNoTransactions, al3.RuleSegmentMissing, al3.RuleNonASCII, al3.RuleNULPadding,
		al3.RuleBOM, al3.RuleMixedLineEndings, al3.RuleUnknownParent, al3.RuleMultipleMessages, al3.RuleCompressed,
		al3.RuleExtension, al3.RuleBadDate} {
		if !covered[r] {
			t.Errorf("no generated case for %s", r)
		}
	}
}

func TestCapRepeatedFindings(t *testing.T) {
	b := al3gen.New(al3gen.CRLF).Header(196)
	b.Transaction(al3gen.Txn{})
	for i := 1; i <= 200; i++ {
		b.Group(al3gen.G{Code: "5RMK", Len: 195, Ref: "F2", Seq: i, Set: map[int]string{40: "\xE9\xE9\xE9"}})
	}
	b.Trailer()
	fs, omitted, _, err := al3.Run(bytes.NewReader(b.Bytes()), al3.Options{Name: "x.al3"})
	if err != nil {
		t.Fatal(err)
	}
	kept := 0
	for _, f := range fs {
		if f.Offset < 0 {
			t.Errorf("a finding without a place is listed: %+v", f)
		}
		if f.Rule == al3.RuleNonASCII {
			kept++
		}
	}
	want := []report.Omitted{{Rule: al3.RuleNonASCII, Severity: report.SeverityWarning, Count: 580}}
	if kept != al3.DefaultMaxPerRule || !reflect.DeepEqual(omitted, want) {
		t.Errorf("listed %d findings and omitted %+v, want %d and %+v", kept, omitted, al3.DefaultMaxPerRule, want)
	}
}

// TestWindowBoundaries runs files whose groups and compression sequences
// straddle the checker's window at every alignment.
func TestWindowBoundaries(t *testing.T) {
	for _, l := range []al3gen.Layout{{Separator: "\r\n", Compress: true}, {Compress: true}, {Separator: "\r\n"}} {
		var buf bytes.Buffer
		if _, err := al3gen.WriteLarge(&buf, 3*al3.BufferSize+12345, l); err != nil {
			t.Fatal(err)
		}
		for _, chunk := range []int{1, 3, 4093, 65536} {
			fs, _, err := al3.Check(&slowReader{data: buf.Bytes(), chunk: chunk}, al3.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fs {
				if f.Rule != al3.RuleCompressed {
					t.Errorf("layout %+v chunk %d: %s", l, chunk, dump([]report.Finding{f}))
				}
			}
		}
	}
}

// slowReader returns at most chunk bytes per Read.
type slowReader struct {
	data  []byte
	chunk int
}

func (r *slowReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.chunk)], r.data)
	r.data = r.data[n:]
	return n, nil
}

// TestSizedSourceSameAnswer: a small compressed file expands to more than its
// (small) window; the answer is the one a source of unknown size gets.
func TestSizedSourceSameAnswer(t *testing.T) {
	for _, c := range append([]al3gen.Case{{Name: "compressed", Data: al3gen.New(al3gen.Layout{Separator: "\r\n", Compress: true}).Message(3, 40).Bytes()}}, al3gen.Cases()...) {
		fs, sum, err := al3.Check(bytes.NewReader(c.Data), al3.Options{Name: "f.al3"})
		if err != nil {
			t.Fatal(err)
		}
		fs2, sum2, err := al3.Check(io.MultiReader(bytes.NewReader(c.Data)), al3.Options{Name: "f.al3"})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fs, fs2) || !reflect.DeepEqual(sum, sum2) {
			t.Errorf("%s: the answer depends on whether the source says its size:%s\nversus:%s", c.Name, dump(fs), dump(fs2))
		}
	}
}

// TestUnknownGroupIsOnlyAWarning: a group code outside the ACORD dictionary
// (a newer or carrier-specific group) is W10, a warning, and the walk goes on
// by its length; every code of the dictionary's levels passes silently.
func TestUnknownGroupIsOnlyAWarning(t *testing.T) {
	for _, c := range al3gen.Cases() {
		if c.Rule != al3.RuleUnknownGroup {
			continue
		}
		fs, _ := check(t, c.Data, "x.al3")
		for _, f := range fs {
			if f.Rule != al3.RuleUnknownGroup || f.Severity != report.SeverityWarning || !strings.Contains(f.Text, "6ZZX") {
				t.Errorf("unexpected finding:%s", dump([]report.Finding{f}))
			}
		}
		if len(fs) != 1 {
			t.Errorf("want one finding, got:%s", dump(fs))
		}
	}
	b := al3gen.New(al3gen.CRLF).Header(196)
	b.Transaction(al3gen.Txn{})
	b.Group(al3gen.G{Code: "9BIS", Len: 120, Ref: "B1", Seq: 1})
	b.Trailer()
	if fs, _ := check(t, b.Bytes(), "x.al3"); len(fs) != 0 {
		t.Errorf("a dictionary group (9BIS) is reported:%s", dump(fs))
	}
}

package al3gen

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
)

// Case is a file built to raise one rule, with where the finding must point.
type Case struct {
	Name        string
	FileName    string // the name to check the file under
	Rule        string
	Data        []byte
	Offset      int64 // byte offset in Data, or -1 for a finding about the whole file
	Line        int   // expected line, or 0 when not asserted
	Group       string
	Message     int
	Transaction int
	// Detection marks cases that kind detection rejects before any AL3 walk
	// (the AL3 checker alone reports them as not AL3).
	Detection bool
}

// Valid returns a small valid file: one message of two policies, in layout l.
func Valid(l Layout) []byte {
	return New(l).Message(2, 2).Bytes()
}

// start writes a header and the first policy, and returns the builder.
func start(l Layout) *Builder {
	b := New(l)
	b.Header(196)
	b.Policy(Txn{}, 2)
	return b
}

func sep(s string) *string { return &s }

// Cases returns one or more malformed (or remarkable) files for every rule.
func Cases() []Case {
	var cs []Case
	add := func(c Case) {
		if c.FileName == "" {
			c.FileName = "case.al3"
		}
		cs = append(cs, c)
	}
	packed := Layout{}

	add(Case{Name: "empty", Rule: "al3/empty", Data: []byte{}, Offset: -1})
	add(Case{Name: "blank", Rule: "al3/empty", Data: []byte("  \r\n \r\n"), Offset: -1})
	add(Case{Name: "text", Rule: "al3/not-al3", Data: []byte("HELLO, this is not AL3\r\n"), Offset: 0})

	{ // lower-case group code
		b := start(CRLF)
		b.Data("5bpi", "F1", 2, "5BISB10001", 161)
		p := b.Last()
		b.Trailer()
		add(Case{Name: "lower-case code", Rule: "al3/bad-group-header", Data: b.Bytes(), Offset: p.Offset, Line: p.Line, Message: 1, Transaction: 1})
	}
	{ // a length three bytes too long in a packed file: the next tag is misaligned
		b := start(packed)
		b.Group(G{Code: "5RMK", Len: 198, Actual: 195, Ref: "F2", Seq: 1, Parent: "5BPIF10001"})
		p := b.Last()
		b.Trailer()
		add(Case{Name: "length too long", Rule: "al3/bad-group-header", Data: b.Bytes(), Offset: p.Offset + 198, Message: 1, Transaction: 1})
	}
	{
		b := start(CRLF)
		b.Group(G{Code: "5RMK", Len: 8, Actual: 40})
		p := b.Last()
		b.Trailer()
		add(Case{Name: "length shorter than header", Rule: "al3/short-length", Data: b.Bytes(), Offset: p.Offset, Line: p.Line, Group: "5RMK", Message: 1, Transaction: 1})
	}
	{
		b := start(CRLF)
		p := b.Placed()[5] // a data group of the first transaction
		add(Case{Name: "truncated", Rule: "al3/truncated", Data: b.Bytes()[:p.Offset+50], Offset: p.Offset, Line: p.Line, Group: p.Code, Message: 1, Transaction: 1})
	}
	{ // trailing spaces stripped from one group
		b := start(CRLF)
		b.Group(G{Code: "5RMK", Len: 195, Actual: 190, Ref: "F2", Seq: 1, Parent: "5BPIF10001"})
		p := b.Last()
		b.Trailer()
		add(Case{Name: "trailing spaces stripped", Rule: "al3/line-break-in-group", Data: b.Bytes(), Offset: p.Offset + 190, Line: p.Line, Group: "5RMK", Message: 1, Transaction: 1})
	}
	{
		b := start(CRLF)
		add(Case{Name: "no trailer", Rule: "al3/missing-trailer", Data: b.Bytes(), Offset: 0, Line: 1, Group: "1MHG", Message: 1})
	}
	{
		b := start(CRLF)
		b.Header(196)
		p := b.Last()
		b.Policy(Txn{}, 1).Trailer()
		add(Case{Name: "header inside a message", Rule: "al3/header-in-message", Data: b.Bytes(), Offset: p.Offset, Line: p.Line, Group: "1MHG"})
	}
	{
		b := start(CRLF).Trailer()
		b.Transaction(Txn{})
		p := b.Placed()[len(b.Placed())-2]
		add(Case{Name: "transaction after trailer", Rule: "al3/data-after-trailer", Data: b.Bytes(), Offset: p.Offset, Line: p.Line, Group: "2TRG"})
	}
	{
		b := start(CRLF).Trailer()
		at := b.Len()
		b.Raw([]byte("END OF DOWNLOAD\r\n"))
		add(Case{Name: "text after trailer", Rule: "al3/data-after-trailer", Data: b.Bytes(), Offset: at})
	}
	{
		b := New(CRLF).Header(196)
		b.Data("5BIS", "B1", 1, "", 172)
		p := b.Last()
		b.Policy(Txn{}, 1).Trailer()
		add(Case{Name: "data before transaction", Rule: "al3/group-before-transaction", Data: b.Bytes(), Offset: p.Offset, Line: p.Line, Group: "5BIS", Message: 1})
	}
	{
		b := start(CRLF)
		b.Group(G{Code: "5RMK", Len: 195, Ref: "F2", Seq: 1, Parent: "5BPIF10001", Set: map[int]string{40: "\xFAZZ "}})
		p := b.Last()
		b.Trailer()
		add(Case{Name: "damaged compression", Rule: "al3/bad-compression", Data: b.Bytes(), Offset: p.Offset + 40, Line: p.Line, Group: "5RMK", Message: 1, Transaction: 1})
	}
	{
		b := start(CRLF).TrailerWith("00000099", '0')
		p := b.Last()
		add(Case{Name: "trailer count (groups)", Rule: "al3/trailer-count", Data: b.Bytes(), Offset: p.Offset, Line: p.Line, Group: "3MTG", Message: 1})
	}
	{
		b := start(Layout{Separator: "\r\n", CountUnit: '0'}).TrailerWith("00099999", '0')
		p := b.Last()
		add(Case{Name: "trailer count (characters)", Rule: "al3/trailer-count", Data: b.Bytes(), Offset: p.Offset, Line: p.Line, Group: "3MTG", Message: 1})
	}
	{
		b := start(CRLF).TrailerWith("", '1')
		p := b.Last()
		add(Case{Name: "more to come", Rule: "al3/more-to-come", Data: b.Bytes(), Offset: p.Offset, Line: p.Line, Group: "3MTG", Message: 1})
	}
	{
		b := New(CRLF).Header(196).Trailer()
		add(Case{Name: "no transactions", Rule: "al3/no-transactions", Data: b.Bytes(), Offset: 0, Line: 1, Message: 1})
	}
	{
		b := New(CRLF).Header(196)
		b.Policy(Txn{Segment: [2]int{1, 3}}, 1)
		p := b.Placed()[1]
		b.Policy(Txn{Segment: [2]int{2, 3}}, 1)
		b.Trailer()
		add(Case{Name: "segment missing", Rule: "al3/segment-missing", Data: b.Bytes(), Offset: p.Offset, Line: p.Line, Group: "2TRG", Message: 1, Transaction: 1})
	}
	{
		b := start(CRLF)
		b.Group(G{Code: "5RMK", Len: 195, Ref: "F2", Seq: 1, Parent: "5BPIF10001", Set: map[int]string{50: "\xE9"}})
		p := b.Last()
		b.Trailer()
		add(Case{Name: "latin-1 letter", Rule: "al3/non-ascii", Data: b.Bytes(), Offset: p.Offset + 50, Line: p.Line, Group: "5RMK", Message: 1, Transaction: 1})
	}
	{
		b := start(CRLF)
		b.Group(G{Code: "5RMK", Len: 195, Ref: "F2", Seq: 1, Parent: "5BPIF10001", Set: map[int]string{60: "\x00"}})
		p := b.Last()
		b.Trailer()
		add(Case{Name: "NUL in a group", Rule: "al3/nul-padding", Data: b.Bytes(), Offset: p.Offset + 60, Line: p.Line, Group: "5RMK", Message: 1, Transaction: 1})
	}
	{
		b := start(CRLF)
		b.Group(G{Code: "6ZZX", Len: 120, Ref: "F2", Seq: 1, Parent: "5BPIF10001"})
		p := b.Last()
		b.Trailer()
		add(Case{Name: "unknown group code", Rule: "al3/unknown-group", Data: b.Bytes(), Offset: p.Offset, Line: p.Line, Group: "6ZZX", Message: 1, Transaction: 1})
	}
	{
		b := start(CRLF).Trailer()
		at, line := b.Len(), b.Line()
		b.Raw([]byte("\x00\x00\x1A"))
		add(Case{Name: "padding after trailer", Rule: "al3/nul-padding", Data: b.Bytes(), Offset: at, Line: line})
	}
	add(Case{Name: "byte-order mark", Rule: "al3/bom", Data: append([]byte("\xEF\xBB\xBF"), Valid(CRLF)...), Offset: 0, Line: 1})
	{
		b := start(CRLF)
		b.Group(G{Code: "5RMK", Len: 195, Ref: "F2", Seq: 1, Parent: "5BPIF10001", Separator: sep("\n")})
		p := b.Last()
		b.Trailer()
		add(Case{Name: "one LF among CR LF", Rule: "al3/mixed-line-endings", Data: b.Bytes(), Offset: p.Offset + 195, Line: p.Line})
	}
	{
		b := start(CRLF)
		b.Data("6CVA", "W1", 9, "5VEHR10009", 281)
		p := b.Last()
		b.Trailer()
		add(Case{Name: "unknown parent", Rule: "al3/unknown-parent", Data: b.Bytes(), Offset: p.Offset, Line: p.Line, Group: "6CVA", Message: 1, Transaction: 1})
	}
	{
		b := New(CRLF).Message(1, 1)
		b.Message(1, 1)
		var second Placed
		for _, p := range b.Placed() {
			if p.Code == "1MHG" && p.Message == 2 {
				second = p
			}
		}
		add(Case{Name: "two messages", Rule: "al3/multiple-messages", Data: b.Bytes(), Offset: second.Offset, Line: second.Line, Group: "1MHG", Message: 2})
	}
	{
		b := New(Layout{Separator: "\r\n", Compress: true}).Message(2, 2)
		add(Case{Name: "compressed", Rule: "al3/compressed", Data: b.Bytes(), Offset: b.FirstMarker()})
	}
	add(Case{Name: "extension", FileName: "policy.pdf", Rule: "al3/extension", Data: Valid(CRLF), Offset: -1})
	{
		b := New(CRLF).Header(196)
		b.Policy(Txn{Date: "20261340"}, 1)
		p := b.Placed()[1]
		b.Trailer()
		add(Case{Name: "month 13", Rule: "al3/bad-date", Data: b.Bytes(), Offset: p.Offset + 196, Line: p.Line, Group: "2TRG", Message: 1, Transaction: 1})
	}

	// Rejected by kind detection before any AL3 walk.
	add(Case{Name: "zip of AL3", Rule: "al3/archive", Data: Zip(map[string][]byte{"DOWNLOAD.AL3": Valid(CRLF)}), Offset: 0, Detection: true})
	add(Case{Name: "gzip of AL3", Rule: "al3/archive", Data: Gzip(Valid(CRLF)), Offset: 0, Detection: true})
	add(Case{Name: "EBCDIC", Rule: "al3/ebcdic", Data: EBCDIC(Valid(CRLF)), Offset: 0, Detection: true})
	return cs
}

// Zip returns a ZIP archive holding files.
func Zip(files map[string][]byte) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, data := range files {
		f, err := w.Create(name)
		if err != nil {
			panic(err) // writing to memory cannot fail
		}
		_, _ = f.Write(data)
	}
	_ = w.Close()
	return buf.Bytes()
}

// Gzip returns data gzip-compressed.
func Gzip(data []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, _ = w.Write(data)
	_ = w.Close()
	return buf.Bytes()
}

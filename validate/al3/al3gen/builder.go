package al3gen

import (
	"bytes"
	"fmt"
	"io"
)

// Layout says how groups are written.
type Layout struct {
	Separator      string // written after every group: "\r\n", "\n" or "" (packed)
	CountSeparator bool   // the declared group length includes the separator
	Compress       bool   // squeeze runs of identical bytes (see Squeeze)
	Marker         byte   // compression marker: 0xFA (the default) or 0xB3
	CountUnit      byte   // 1MHG count unit: '1' groups (the default) or '0' characters
}

// CRLF is the layout of the real sample: CR LF after each group, not counted.
var CRLF = Layout{Separator: "\r\n"}

// Placed says where a group landed in the built file.
type Placed struct {
	Code        string
	Offset      int64 // in the built (raw, possibly compressed) file
	Length      int   // declared length
	Content     int   // bytes of the group actually written, before compression
	Message     int
	Transaction int
	Line        int // 1-based line of the group's first byte
}

// G describes one group to write. Only Code and Len are required.
type G struct {
	Code   string // written as is, so a malformed code such as "5bis" is possible
	Len    int    // declared length (plus the separator when the layout counts it)
	Actual int    // bytes of content when they differ from the declared length (0: as declared)
	Ref    string // levels 5–9: reference such as "B1"
	Seq    int    // levels 5–9: sequence number
	Parent string // levels 5–9: parent code, reference and sequence, e.g. "5BISB10001"
	// Set overwrites content at 0-based positions, after the filler is written.
	Set map[int]string
	// Separator, when not nil, replaces the layout's separator after this group.
	Separator *string
	// NoCount keeps the group out of the message's group count (for the trailer).
	NoCount bool
}

// Builder writes AL3 groups one after the other and remembers where each went.
type Builder struct {
	layout Layout
	out    io.Writer
	buf    *bytes.Buffer // when building in memory
	keep   bool          // record Placed
	err    error

	n, exp      int64 // raw and expanded bytes written
	lines       int
	placed      []Placed
	msg, txn    int
	msgGroups   int
	msgExpStart int64
	firstMarker int64
	templates   map[[2]int][]byte
}

// New returns a Builder that builds a file in memory.
func New(l Layout) *Builder {
	var buf bytes.Buffer
	b := NewStream(&buf, l)
	b.buf, b.keep = &buf, true
	return b
}

// NewStream returns a Builder that writes to w and keeps no record of the groups.
func NewStream(w io.Writer, l Layout) *Builder {
	if l.Marker == 0 {
		l.Marker = 0xFA
	}
	if l.CountUnit == 0 {
		l.CountUnit = '1'
	}
	return &Builder{layout: l, out: w, firstMarker: -1, templates: map[[2]int][]byte{}}
}

// Bytes returns the file built so far (New only).
func (b *Builder) Bytes() []byte { return bytes.Clone(b.buf.Bytes()) }

// Len is the number of bytes written so far.
func (b *Builder) Len() int64 { return b.n }

// Err is the first write error of a streaming builder.
func (b *Builder) Err() error { return b.err }

// Placed returns every group written (New only).
func (b *Builder) Placed() []Placed { return b.placed }

// Last returns the last group written (New only).
func (b *Builder) Last() Placed { return b.placed[len(b.placed)-1] }

// Line is the 1-based line the next byte will be on.
func (b *Builder) Line() int { return b.lines + 1 }

// FirstMarker is the offset of the first compression marker written, or -1.
func (b *Builder) FirstMarker() int64 { return b.firstMarker }

// Raw appends bytes as they are, outside any group.
func (b *Builder) Raw(p []byte) *Builder {
	b.write(p)
	b.exp += int64(len(p))
	return b
}

func (b *Builder) write(p []byte) {
	if b.err != nil {
		return
	}
	if _, err := b.out.Write(p); err != nil {
		b.err = fmt.Errorf("al3gen: writing: %w", err)
		return
	}
	b.n += int64(len(p))
	b.lines += bytes.Count(p, []byte{'\n'})
}

// filler returns content of n bytes for a group: words, '?' runs and blanks,
// so that compression has runs to squeeze.
func (b *Builder) filler(kind, n int) []byte {
	key := [2]int{kind, n}
	if t, ok := b.templates[key]; ok {
		return t
	}
	const words = "ACORD DOWNLOAD TEST POLICY 00000011500+ MAIN STREET BEANTOWN MA "
	t := make([]byte, n)
	for i := range t {
		switch (i / 24) % 3 {
		case 0:
			t[i] = words[(i+kind)%len(words)]
		case 1:
			t[i] = '?'
		default:
			t[i] = ' '
		}
	}
	b.templates[key] = t
	return t
}

// Group writes one group as described by g.
func (b *Builder) Group(g G) *Builder {
	sep := b.layout.Separator
	if g.Separator != nil {
		sep = *g.Separator
	}
	actual := g.Len
	if g.Actual != 0 {
		actual = g.Actual
	}
	declared := g.Len
	if b.layout.CountSeparator {
		declared += len(sep)
	}
	content := bytes.Clone(b.filler(int(g.Code[0]), max(actual, 0)))
	copy(content, g.Code)
	if len(content) >= 7 {
		copy(content[4:], fmt.Sprintf("%03d", declared))
	}
	if len(content) >= 10 {
		copy(content[7:10], "   ")
	}
	if g.Code[0] >= '5' && g.Code[0] <= '9' && len(content) >= 30 {
		copy(content[10:30], fmt.Sprintf("%-2s%04d%-10s    ", g.Ref, g.Seq, g.Parent))
	}
	for at, s := range g.Set {
		copy(content[at:], s)
	}
	if b.keep {
		b.placed = append(b.placed, Placed{Code: g.Code, Offset: b.n, Length: g.Len, Content: len(content),
			Message: b.msg, Transaction: b.txn, Line: b.Line()})
	}
	raw := content
	if b.layout.Compress {
		raw = Squeeze(content, b.layout.Marker, 5)
		if i := bytes.IndexByte(raw, b.layout.Marker); i >= 0 && b.firstMarker < 0 {
			b.firstMarker = b.n + int64(i)
		}
	}
	b.write(raw)
	b.write([]byte(sep))
	b.exp += int64(len(content) + len(sep))
	if !g.NoCount {
		b.msgGroups++
	}
	return b
}

// Header writes a 1MHG of the given length (161, 176 or 196) and opens a message.
func (b *Builder) Header(length int) *Builder {
	b.msg++
	b.txn = 0
	b.msgGroups = 0
	b.msgExpStart = b.exp
	set := map[int]string{
		10: fmt.Sprintf("%-18s%-18s", "CARRIER CO", "AGENCY 42"),
		78: fmt.Sprintf("%06d", b.msg),
		97: string(b.layout.CountUnit),
	}
	if length >= 176 {
		set[161] = "20260315124459 "
	}
	return b.Group(G{Code: "1MHG", Len: length, Set: set})
}

// Txn describes a transaction header (2TRG, 212 bytes) and its 2TCG.
type Txn struct {
	Category string // e.g. "P " policy, "C " claim, "A " accounting
	Line     string // line of business, e.g. "AUTOP", "HOME "
	Purpose  string // e.g. "PCH", "NBS", "COM"
	Date     string // CCYYMMDD transaction date (written at 197–204)
	Sender   string
	Segment  [2]int // piece and total pieces, when the transaction is segmented
}

// Transaction writes a 2TRG and a 2TCG and opens a transaction.
func (b *Builder) Transaction(t Txn) *Builder {
	b.txn++
	if t.Category == "" {
		t.Category = "P "
	}
	if t.Line == "" {
		t.Line = "AUTOP"
	}
	if t.Purpose == "" {
		t.Purpose = "PCH"
	}
	if t.Date == "" {
		t.Date = "20260315"
	}
	if t.Sender == "" {
		t.Sender = "EXAMPLE MUTUAL INSURANCE"
	}
	set := map[int]string{
		10:  "30",
		22:  fmt.Sprintf("%-2s", t.Category),
		24:  "P" + fmt.Sprintf("%-5s", t.Line) + "FMG",
		37:  fmt.Sprintf("%-10s%-25s", "CARRIER", t.Sender),
		142: fmt.Sprintf("%04d", b.txn),
		167: t.Purpose,
		180: "   ",
		196: t.Date + t.Date,
	}
	if t.Segment[1] > 0 {
		set[180] = fmt.Sprintf("1%03d%03d", t.Segment[0], t.Segment[1])
	}
	b.Group(G{Code: "2TRG", Len: 212, Set: set})
	return b.Group(G{Code: "2TCG", Len: 135})
}

// Data writes a level 5–9 group with its 30-byte header.
func (b *Builder) Data(code, ref string, seq int, parent string, length int) *Builder {
	return b.Group(G{Code: code, Len: length, Ref: ref, Seq: seq, Parent: parent})
}

// Policy writes a transaction with an insured, a policy, a vehicle and coverages.
func (b *Builder) Policy(t Txn, coverages int) *Builder {
	b.Transaction(t)
	b.Data("5BIS", "B1", 1, "", 172)
	b.Data("9BIS", "B1", 1, "", 168)
	b.Data("5BPI", "F1", 1, "5BISB10001", 161)
	b.Data("5VEH", "R1", 1, "5BPIF10001", 270)
	for i := 1; i <= coverages; i++ {
		b.Data("6CVA", "W1", i, "5VEHR10001", 281)
	}
	return b
}

// Trailer writes a 3MTG whose count matches the message, and closes the message.
func (b *Builder) Trailer() *Builder {
	return b.TrailerWith("", '0')
}

// TrailerWith writes a 3MTG with the given count field ("" computes the right
// one) and additional-data flag ('0' complete, '1' more to come).
func (b *Builder) TrailerWith(count string, more byte) *Builder {
	if count == "" {
		if b.layout.CountUnit == '1' {
			count = fmt.Sprintf("%08d", b.msgGroups+1)
		} else {
			sepLen := len(b.layout.Separator)
			if b.layout.CountSeparator {
				sepLen = 0
			}
			count = fmt.Sprintf("%08d", b.exp-b.msgExpStart+240+int64(sepLen))
		}
	}
	b.Group(G{Code: "3MTG", Len: 240, Set: map[int]string{10: count + string(more) + "0"}})
	b.txn = 0
	return b
}

// Message writes a whole message: header, transactions of policies, trailer.
func (b *Builder) Message(transactions, coverages int) *Builder {
	b.Header(196)
	lines := []string{"AUTOP", "HOME ", "BOAT ", "CPKGE"}
	for i := 0; i < transactions; i++ {
		b.Policy(Txn{Line: lines[i%len(lines)]}, coverages)
	}
	return b.Trailer()
}

// Squeeze applies ACORD run-length compression: every run of at least minRun
// identical bytes (other than CR, LF and the markers) becomes marker, two hex
// digits of count and the byte. Runs longer than 255 are split.
func Squeeze(data []byte, marker byte, minRun int) []byte {
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); {
		c := data[i]
		j := i + 1
		for j < len(data) && data[j] == c && j-i < 255 {
			j++
		}
		if n := j - i; n >= minRun && c != '\r' && c != '\n' && c != 0xFA && c != 0xB3 {
			out = append(out, marker)
			out = append(out, fmt.Sprintf("%02X", n)...)
			out = append(out, c)
		} else {
			out = append(out, data[i:j]...)
		}
		i = j
	}
	return out
}

package al3

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"exchange/validate/report"
)

// Options tune a check.
type Options struct {
	// Name is the file's name or path. It is only used for the remark about an
	// unusual extension (al3/extension); empty skips that remark.
	Name string
	// MaxPerRule caps the findings listed per rule; the rest are only counted
	// (see Run). 0 means DefaultMaxPerRule.
	MaxPerRule int
}

const (
	maxGroupLen = 999             // three digits of length
	lookahead   = maxGroupLen + 1 // a whole group is always contiguous in the window
	maxParents  = 1 << 16         // parent keys kept per transaction
	maxOpen     = 1000            // segmented transactions and trailer counts waiting for the end
	maxDistinct = 100             // distinct values kept per summary list
)

// Check reads an AL3 file from r to its end (or to the first error that makes
// the group lengths meaningless) and returns its findings and a summary.
// Memory use is bounded by the window (BufferSize) and small per-transaction
// sets, whatever the size of the file. A read error is returned as error.
//
// Check lists at most Options.MaxPerRule findings of each rule; Run also
// returns how many it did not list.
func Check(r io.Reader, opts Options) ([]report.Finding, *report.AL3Summary, error) {
	fs, _, sum, err := Run(r, opts)
	return fs, sum, err
}

// Run is Check with the counts of the findings not listed, per rule.
func Run(r io.Reader, opts Options) ([]report.Finding, []report.Omitted, *report.AL3Summary, error) {
	k := newChecker(r, opts)
	k.run()
	if k.v.err != nil {
		return nil, nil, nil, k.v.err
	}
	fs, omitted := k.c.finish()
	return fs, omitted, k.summary(), nil
}

type trailerCheck struct {
	count            int64
	msg              int
	offset           int64 // of the 3MTG
	line             int
	startRaw, endRaw int64 // the message, 1MHG to the end of 3MTG
	startExp, endExp int64
	nextRaw, nextExp int64 // where the next message starts, or -1 (the end of the file)
}

type damagedMarker struct {
	raw    int64
	marker byte
}

func (k *checker) badCompression(d damagedMarker, line int, code []byte) {
	k.add(RuleBadCompression, d.raw, line, string(code), fmt.Sprintf(
		"Byte %d: damaged compression sequence (0x%02X must be followed by a 2-digit hex count and a character).", d.raw, d.marker))
}

// reportDamaged reports the held damaged sequences that lie before file offset
// upTo (all of them when upTo < 0), in the group code when there is one.
func (k *checker) reportDamaged(upTo int64, code []byte) {
	n := 0
	for _, d := range k.damaged {
		if upTo >= 0 && d.raw >= upTo {
			break
		}
		k.badCompression(d, k.line(), code)
		n++
	}
	k.damaged = k.damaged[:copy(k.damaged, k.damaged[n:])]
}

type segmentWait struct {
	next, total int
	msg, txn    int
	offset      int64
	line        int
}

type checker struct {
	v    *view
	c    *collector
	opts Options

	lineBreaks int
	prevCR     bool
	stopped    bool // the group lengths can no longer be trusted
	groups     int
	prevCode   [4]byte

	inMsg        bool
	msg          int
	msgStartRaw  int64
	msgStartExp  int64
	msgStartLine int
	msgGroups    int64
	msgTxns      int
	unit         byte
	gapReported  bool
	secondMsgRaw int64
	secondLine   int
	trailers     []trailerCheck

	txn         int
	parents     *keySet
	parentsFull bool
	lastParent  uint64 // the last parent found, a cache for runs of siblings
	waits       []segmentWait

	style         int // line ending after groups: 0 unset, else encoded CR/LF sequence
	styleReported bool

	firstMarker int64
	damaged     []damagedMarker // damaged compression sequences the walk has not reached yet

	categories map[[2]byte]int
	purposes   map[[3]byte]int
	lines      map[[5]byte]int
	senders    map[string]struct{}
	senderList []string
	dates      map[[8]byte]struct{}
	transacts  int
	msgCount   int
}

// bufferSize is BufferSize; tests shrink it to move window edges around.
var bufferSize = BufferSize

// windowSize is the window for a source: bufferSize, or less when the source
// says its size (a small file needs no large window; it may expand, and the
// window refills as for any file).
func windowSize(r io.Reader) int {
	sized, ok := r.(interface{ Size() int64 })
	if !ok {
		return bufferSize
	}
	const page = 4 << 10
	n := (sized.Size() + 1 + page - 1) / page * page
	return int(min(max(n, 2*lookahead), int64(bufferSize)))
}

func newChecker(r io.Reader, opts Options) *checker {
	k := &checker{
		v:           newView(r, windowSize(r)),
		c:           newCollector(opts.MaxPerRule),
		opts:        opts,
		parents:     newKeySet(maxParents),
		firstMarker: -1,
		categories:  map[[2]byte]int{},
		purposes:    map[[3]byte]int{},
		lines:       map[[5]byte]int{},
		senders:     map[string]struct{}{},
		dates:       map[[8]byte]struct{}{},
	}
	k.v.onMarker = func(raw int64) {
		if k.firstMarker < 0 {
			k.firstMarker = raw
		}
	}
	k.v.onDamaged = func(raw int64, marker byte) {
		// The expansion runs ahead of the walk, by as much as the reads give:
		// hold the finding until the walk reaches that byte, to give it its line
		// and group. Only as many are held as the report can still list; one
		// found past that would never be listed (every held or kept one lies
		// before it), so it is only counted, whenever the expansion meets it.
		if k.c.kept[RuleBadCompression]+len(k.damaged) < k.c.max {
			k.damaged = append(k.damaged, damagedMarker{raw, marker})
			return
		}
		k.c.drop(RuleBadCompression, severities[RuleBadCompression])
	}
	return k
}

// line is the 1-based line of the current position.
func (k *checker) line() int { return k.lineBreaks + 1 }

// add records a finding unless its rule is full. line 0 means "no line".
func (k *checker) add(rule string, offset int64, line int, group, text string) {
	k.addSev(rule, severities[rule], offset, line, group, text)
}

func (k *checker) addSev(rule string, sev report.Severity, offset int64, line int, group, text string) {
	f := report.Finding{Rule: rule, Severity: sev, Offset: offset, Line: line, Group: group, Text: text}
	if k.msg > 0 {
		f.Message = k.msg
		f.Transaction = k.txn
	}
	k.c.add(f)
}

// want reports whether a finding of rule would be kept; when not, it counts it
// as dropped so that the sentence is never built.
func (k *checker) want(rule string) bool {
	if k.c.full(rule) {
		k.c.drop(rule, severities[rule])
		return false
	}
	return true
}

func (k *checker) run() {
	v := k.v
	v.fill(lookahead)
	if v.avail() == 0 {
		if v.err == nil {
			k.add(RuleEmpty, -1, 0, "", "The file is empty.")
		}
		return
	}
	if bytes.HasPrefix(v.buf[v.pos:v.end], []byte{0xEF, 0xBB, 0xBF}) {
		k.add(RuleBOM, 0, 1, "", "The file starts with a UTF-8 byte-order mark. Some agency systems reject this.")
		v.pos += 3
		v.fill(lookahead)
	}
	if !bytes.HasPrefix(v.buf[v.pos:v.end], []byte("1MHG")) {
		k.notAL3()
		// Compression means nothing in a file that is not AL3, and how much of
		// it was expanded depends on the reads: forget it, for the same answer.
		k.firstMarker, k.damaged = -1, nil
		k.c.forget(RuleBadCompression)
		return
	}
	for !k.stopped {
		v.fill(lookahead)
		if v.avail() == 0 {
			break
		}
		c := v.buf[v.pos]
		if c == '\r' || c == '\n' {
			k.separators(-1, 0)
			continue
		}
		if !k.inMsg && (c == 0 || c == 0x1A || c == ' ') {
			k.padding()
			break
		}
		k.group()
	}
	k.finish()
}

// notAL3 handles a file that does not start with 1MHG: empty if it is only
// whitespace, else not AL3.
func (k *checker) notAL3() {
	v := k.v
	start := v.pos
	head := string(v.buf[v.pos:min(v.end, v.pos+16)])
	offset := v.rawOf(start)
	for {
		for _, c := range v.buf[v.pos:v.end] {
			if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v' {
				k.add(RuleNotAL3, offset, 0, "", fmt.Sprintf(
					"Not an ACORD AL3 file: it should start with the message header '1MHG…' but starts with '%s'.", shown([]byte(head))))
				return
			}
		}
		v.pos = v.end
		v.fill(1)
		if v.avail() == 0 {
			break
		}
	}
	if v.err == nil {
		k.add(RuleEmpty, -1, 0, "", "The file is empty: it holds only blank characters.")
	}
}

// separators consumes a run of CR/LF bytes after a group. end is the index in
// the window where the group's line ending starts, and inner the CR/LF sequence
// the group held at its end inside its length (encoded by breakCode); end < 0
// means the line ending is not compared (a resync after an error).
func (k *checker) separators(end int, inner int) {
	v := k.v
	style := inner
	n := 0
	line := k.line()
	endRaw := int64(-1) // computed only when needed, before the window moves
	for {
		if v.pos == v.end {
			if end >= 0 && endRaw < 0 {
				endRaw = v.rawOf(end)
			}
			v.fill(1)
			if v.avail() == 0 {
				break
			}
		}
		c := v.buf[v.pos]
		if c != '\r' && c != '\n' {
			break
		}
		k.lineBreak(c)
		if n < 8 {
			style = style*3 + breakCode(c)
		}
		n++
		v.pos++
	}
	if end < 0 || style == 0 && v.avail() == 0 {
		return // no comparison, or the last group simply has no line ending
	}
	if k.style == 0 {
		k.style = style + 1
		return
	}
	if k.style != style+1 && !k.styleReported {
		k.styleReported = true
		if endRaw < 0 {
			endRaw = v.rawOf(end)
		}
		k.add(RuleMixedLineEndings, endRaw, line, "", fmt.Sprintf(
			"Inconsistent line endings between groups (first change at byte %d).", endRaw))
	}
}

// lineBreak counts CR, LF and CR LF as one line break each.
func (k *checker) lineBreak(c byte) {
	if c == '\r' {
		k.lineBreaks++
		k.prevCR = true
		return
	}
	if !k.prevCR {
		k.lineBreaks++
	}
	k.prevCR = false
}

// MaxPadding is the most NUL/padding bytes after the last trailer that is
// only a warning. Transfers and copies that work in fixed-size blocks pad the
// last one: a DOS end-of-file byte (0x1A), XMODEM's 128-byte blocks, disk or
// tape blocks up to z/OS's 32,760 bytes. NUL bytes do occur in real downloads
// (TEAM-UP's reader turns them into spaces), so a block of them is tolerated;
// padding beyond one such block is not a transfer's doing.
const MaxPadding = 32 << 10

// padding handles what follows the last trailer when it starts with a padding
// byte: up to MaxPadding bytes of padding to the end is a warning; more, or
// anything else after it, is an error.
func (k *checker) padding() {
	v := k.v
	start := v.rawOf(v.pos)
	line := k.line()
	for {
		chunk := v.buf[v.pos:v.end]
		for i := 0; i < len(chunk); i++ {
			switch chunk[i] {
			case 0:
				i += zeros(chunk[i:]) - 1 // gigabytes of NUL go eight bytes at a time
				continue
			case 0x1A, ' ', '\t', '\r', '\n':
				continue
			}
			at := v.rawOf(v.pos + i)
			k.add(RuleDataAfterTrailer, at, 0, "", fmt.Sprintf(
				"Unexpected data at byte %d after the end of the message (3MTG). Only another 1MHG may follow.", at))
			k.stopped = true
			return
		}
		v.pos = v.end
		v.fill(1)
		if v.avail() == 0 {
			break
		}
	}
	if n := v.rawNext - start; n > MaxPadding {
		k.add(RuleExcessPadding, start, line, "", fmt.Sprintf(
			"After the last message trailer (3MTG), the file ends with %d bytes of NUL/padding, from byte %d: far more than the few blocks (at most %d KB) a copy adds. The file was damaged or padded by a faulty transfer; get it again from the carrier.",
			n, start, MaxPadding>>10))
		return
	}
	k.add(RuleNULPadding, start, line, "", fmt.Sprintf(
		"The file contains NUL/padding bytes after the last message trailer (byte %d). Most agency systems tolerate this.", start))
}

// group checks the group that starts at the current position and moves past it.
func (k *checker) group() {
	v := k.v
	start := v.pos
	g := v.buf[start:v.end] // at least a whole group, unless the file ends first
	if !validTag(g) {
		k.badHeader(start, g)
		return
	}
	code := g[:4]
	length := atoi(g[4:7])
	level := int(code[0] - '0')
	headerLen := 10
	if level >= 5 {
		headerLen = 30
	}
	if length < headerLen {
		at := v.rawOf(start)
		k.add(RuleShortLength, at, k.line(), string(code), fmt.Sprintf(
			"Group %s at byte %d declares length %d, shorter than its own %d-byte header.", code, at, length, headerLen))
		k.stopped = true
		return
	}
	body := g[:min(length, len(g))]
	if len(k.damaged) > 0 {
		k.reportDamaged(v.rawOf(start+len(body)), code)
	}
	k.prevCR = false

	// One pass over the group's bytes for line breaks, NULs and non-ASCII.
	cut, inner := -1, 0
	for i := 7; i < len(body); i++ {
		i += firstSpecial(body[i:])
		if i >= len(body) {
			break
		}
		c := body[i]
		switch {
		case c == '\r' || c == '\n':
			if len(body) == length && trailingBreak(body[i:]) {
				for _, b := range body[i:] {
					k.lineBreak(b)
					inner = inner*3 + breakCode(b)
				}
				i = len(body)
				continue
			}
			cut = i
		case c == 0:
			if k.want(RuleNULPadding) {
				at := v.rawOf(start + i)
				k.add(RuleNULPadding, at, k.line(), string(code), fmt.Sprintf(
					"The file contains NUL/padding bytes (byte %d, in group %s). Most agency systems tolerate this.", at, code))
			}
		default:
			if k.want(RuleNonASCII) {
				at := v.rawOf(start + i)
				k.add(RuleNonASCII, at, k.line(), string(code), fmt.Sprintf(
					"Non-ASCII/control character 0x%02X at byte %d in group %s (wrong encoding or corrupted transfer?).", c, at, code))
			}
		}
		if cut >= 0 {
			break
		}
	}
	if cut >= 0 {
		if k.want(RuleLineBreakInGroup) {
			at, gat := v.rawOf(start+cut), v.rawOf(start)
			k.add(RuleLineBreakInGroup, at, k.line(), string(code), fmt.Sprintf(
				"Group %s at byte %d declares %d bytes, but a line break occurs after %d bytes. Trailing spaces were stripped or line endings converted (e.g. FTP ASCII mode). Use the original file.",
				code, gat, length, cut))
		}
		k.handle(code, level, body[:cut], start)
		v.pos = start + cut // resynchronise at the line break
		return
	}
	if len(body) < length {
		at := v.rawOf(start)
		k.add(RuleTruncated, at, k.line(), string(code), fmt.Sprintf(
			"The file ends in the middle of group %s (byte %d): it declares %d bytes but only %d are present. The file is truncated; download it again.",
			code, at, length, len(body)))
		k.stopped = true
		return
	}
	k.handle(code, level, body[:length-innerLen(inner)], start)
	v.pos = start + length
	k.separators(start+length-innerLen(inner), inner)
}

// breakCode encodes one byte of a line-ending sequence (CR 1, LF 2).
func breakCode(c byte) int {
	if c == '\r' {
		return 1
	}
	return 2
}

// innerLen is the number of bytes in an encoded line-ending sequence.
func innerLen(style int) int {
	n := 0
	for ; style > 0; style /= 3 {
		n++
	}
	return n
}

// trailingBreak reports whether b is one or two CR/LF bytes: a line ending
// that a writer counted inside the group's length.
func trailingBreak(b []byte) bool {
	if len(b) == 0 || len(b) > 2 {
		return false
	}
	for _, c := range b {
		if c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// badHeader reports bytes at a group boundary that are not a group tag.
func (k *checker) badHeader(start int, g []byte) {
	v := k.v
	at := v.rawOf(start)
	found := shown(g[:min(10, len(g))])
	k.stopped = true
	switch {
	case !k.inMsg && k.msg > 0:
		k.add(RuleDataAfterTrailer, at, k.line(), "", fmt.Sprintf(
			"Unexpected data at byte %d after the end of the message (3MTG). Only another 1MHG may follow.", at))
	case k.groups == 0:
		k.add(RuleBadGroupHeader, at, k.line(), "1MHG", fmt.Sprintf(
			"Byte %d: the message header must start with '1MHG' and a three-digit length, found '%s'.", at, found))
	default:
		k.add(RuleBadGroupHeader, at, k.line(), "", fmt.Sprintf(
			"Byte %d: expected the start of a data group (like '5BPI172') after group %s #%d, found '%s'. The previous group's length field is wrong or the file is damaged.",
			at, k.prevCode[:], k.groups, found))
	}
}

// handle applies the rules that depend on the group's code and content.
func (k *checker) handle(code []byte, level int, body []byte, start int) {
	k.groups++
	copy(k.prevCode[:], code)
	switch string(code) {
	case "1MHG":
		k.header(body, start)
		return
	case "3MTG":
		if k.inMsg {
			k.trailer(body, start)
			return
		}
	case "2TRG":
		if k.inMsg {
			k.transaction(body, start)
			return
		}
	}
	if !k.inMsg {
		k.outside(code, start)
		return
	}
	k.msgGroups++
	if !knownCode(code) && k.want(RuleUnknownGroup) {
		at := k.v.rawOf(start)
		k.add(RuleUnknownGroup, at, k.line(), string(code), fmt.Sprintf(
			"Unknown group code %s at byte %d. It may be a newer or carrier-specific group; it was skipped using its length.", code, at))
	}
	if k.txn == 0 {
		if level >= 5 || string(code) == "2TCG" || string(code) == "2GCG" {
			at := k.v.rawOf(start)
			k.add(RuleGroupBeforeTransaction, at, k.line(), string(code), fmt.Sprintf(
				"Group %s at byte %d appears before any transaction header (2TRG).", code, at))
		}
		return
	}
	if level >= 5 && len(body) >= 30 {
		k.parent(code, body, start)
	}
}

// outside handles a group between messages.
func (k *checker) outside(code []byte, start int) {
	at := k.v.rawOf(start)
	if string(code) == "2FID" || string(code) == "2FTT" {
		k.addSev(RuleDataAfterTrailer, report.SeverityWarning, at, k.line(), string(code), fmt.Sprintf(
			"File transfer group %s at byte %d lies outside a message (1MHG…3MTG). Most agency systems ignore it.", code, at))
		return
	}
	if k.gapReported {
		return
	}
	k.gapReported = true
	k.add(RuleDataAfterTrailer, at, k.line(), string(code), fmt.Sprintf(
		"Unexpected %s at byte %d after the end of the message (3MTG). Only another 1MHG may follow.", code, at))
}

func (k *checker) header(body []byte, start int) {
	v := k.v
	at := v.rawOf(start)
	if k.inMsg {
		k.add(RuleHeaderInMessage, at, k.line(), "1MHG", fmt.Sprintf(
			"A new message header (1MHG) at byte %d appears before the previous message (byte %d) was closed by 3MTG.", at, k.msgStartRaw))
	}
	if n := len(k.trailers); n > 0 && k.trailers[n-1].nextRaw < 0 {
		k.trailers[n-1].nextRaw, k.trailers[n-1].nextExp = at, v.expOf(start)
	}
	k.msg++
	k.msgCount++
	if k.msg == 2 {
		k.secondMsgRaw, k.secondLine = at, k.line()
	}
	k.inMsg, k.gapReported = true, false
	k.msgStartRaw, k.msgStartExp, k.msgStartLine = at, v.expOf(start), k.line()
	k.msgGroups, k.msgTxns, k.txn = 1, 0, 0
	k.unit = '0'
	if len(body) > 97 {
		k.unit = body[97]
	}
	if s := field(body, 10, 28); !blankField(s) {
		k.sender(s)
	}
	if d := field(body, 161, 169); len(d) == 8 && !blankField(d) && !validDate(d) {
		dat := v.rawOf(start + 161)
		k.add(RuleBadDate, dat, k.line(), "1MHG", fmt.Sprintf(
			"Message %d: transmission date '%s' is not a valid CCYYMMDD date.", k.msg, shown(d)))
	}
}

func (k *checker) transaction(body []byte, start int) {
	v := k.v
	k.msgGroups++
	k.msgTxns++
	k.txn++
	k.transacts++
	k.parents.reset()
	k.parentsFull, k.lastParent = false, 0
	at := v.rawOf(start)

	if c := field(body, 22, 24); len(c) == 2 && !blankField(c) {
		countKey(k.categories, [2]byte(c))
	}
	if p := field(body, 167, 170); len(p) == 3 && !blankField(p) {
		countKey(k.purposes, [3]byte(p))
	}
	if l := field(body, 25, 30); len(l) == 5 && !blankField(l) {
		countKey(k.lines, [5]byte(l))
	}
	if s := field(body, 47, 72); !blankField(s) {
		k.sender(s)
	} else if s := field(body, 37, 47); !blankField(s) {
		k.sender(s)
	}
	var when []byte
	for _, d := range []struct {
		from int
		name string
	}{{196, "transaction date"}, {204, "transaction effective date"}} {
		f := field(body, d.from, d.from+8)
		if len(f) < 8 || blankField(f) {
			continue
		}
		if !validDate(f) {
			k.add(RuleBadDate, v.rawOf(start+d.from), k.line(), "2TRG", fmt.Sprintf(
				"Transaction %d: %s '%s' is not a valid CCYYMMDD date.", k.txn, d.name, shown(f)))
		} else if d.from == 196 {
			when = f
		}
	}
	if when == nil {
		when = oldDate(field(body, 146, 152))
	}
	if when != nil && len(k.dates) < maxDistinct {
		k.dates[[8]byte(when)] = struct{}{}
	}
	if c, t := field(body, 181, 184), field(body, 184, 187); allDigits(c) && len(c) == 3 && allDigits(t) && len(t) == 3 {
		k.segment(atoi(c), atoi(t), at)
	}
}

// segment tracks segmented transactions (piece c of t) until all pieces are seen.
func (k *checker) segment(c, t int, at int64) {
	if t <= 1 || c < 1 || c > t {
		return
	}
	for i := range k.waits {
		w := &k.waits[i]
		if w.total == t && w.next == c {
			if c == t {
				k.waits = append(k.waits[:i], k.waits[i+1:]...)
			} else {
				w.next = c + 1
			}
			return
		}
	}
	if c < t && len(k.waits) < maxOpen {
		k.waits = append(k.waits, segmentWait{next: c + 1, total: t, msg: k.msg, txn: k.txn, offset: at, line: k.line()})
	}
}

func (k *checker) trailer(body []byte, start int) {
	v := k.v
	k.msgGroups++
	at := v.rawOf(start)
	if k.msgTxns == 0 {
		k.add(RuleNoTransactions, k.msgStartRaw, k.msgStartLine, "1MHG", fmt.Sprintf(
			"Message at byte %d contains no transactions.", k.msgStartRaw))
	}
	if f := field(body, 18, 19); len(f) == 1 && f[0] == '1' {
		k.add(RuleMoreToCome, at, k.line(), "3MTG",
			"The carrier marked this message as incomplete ('more data to come'). Another file should complete it.")
	}
	count := field(body, 10, 18)
	switch {
	case len(count) < 8 || blankField(count):
	case !allDigits(count):
		k.add(RuleTrailerCount, at, k.line(), "3MTG", fmt.Sprintf(
			"The trailer's count of data in the message ('%s') is not a number.", shown(count)))
	case k.unit == '1':
		if n := int64(atoi(count)); n != k.msgGroups {
			k.add(RuleTrailerCount, at, k.line(), "3MTG", fmt.Sprintf(
				"Trailer says the message contains %d groups, but %d were found. The carrier's count may be stale (common), or data may be missing.", n, k.msgGroups))
		}
	default:
		if len(k.trailers) < maxOpen {
			end := start + len(body)
			k.trailers = append(k.trailers, trailerCheck{
				count: int64(atoi(count)), msg: k.msg, offset: at, line: k.line(),
				startRaw: k.msgStartRaw, endRaw: v.rawOf(end), startExp: k.msgStartExp, endExp: v.expOf(end),
				nextRaw: -1, nextExp: -1,
			})
		}
	}
	k.inMsg = false
	k.txn = 0
}

// parent checks the reference of a level 5–9 group and that its parent appeared
// earlier in the transaction.
func (k *checker) parent(code, body []byte, start int) {
	ref, seq := body[10:12], body[12:16]
	own, ok := groupKey(code, ref, seq)
	if !ok {
		if k.want(RuleUnknownParent) {
			at := k.v.rawOf(start)
			k.add(RuleUnknownParent, at, k.line(), string(code), fmt.Sprintf(
				"Group %s at byte %d has a damaged reference '%s' (expected a letter, a digit and a 4-digit sequence).", code, at, shown(body[10:16])))
		}
	} else if !k.parentsFull && !k.parents.add(own) {
		k.parentsFull = true
	}
	pcode, pref, pseq := body[16:20], body[20:22], body[22:26]
	if blankField(pcode) && blankField(pref) {
		return // a top-level group
	}
	key, ok := groupKey(pcode, pref, pseq)
	if ok && isDigit(pcode[0]) && isUpper(pcode[1]) && isUpper(pcode[2]) && isUpper(pcode[3]) {
		if key == k.lastParent || k.parentsFull {
			return
		}
		if k.parents.has(key) {
			k.lastParent = key
			return
		}
	}
	if k.want(RuleUnknownParent) {
		at := k.v.rawOf(start)
		k.add(RuleUnknownParent, at, k.line(), string(code), fmt.Sprintf(
			"Group %s at byte %d refers to parent %s %s %s, which does not appear earlier in transaction %d.",
			code, at, shown(pcode), shown(pref), shown(pseq), k.txn))
	}
}

// groupKey packs a group code, reference and sequence into one map key.
func groupKey(code, ref, seq []byte) (uint64, bool) {
	if !isUpper(ref[0]) || !isDigit(ref[1]) || !allDigits(seq) {
		return 0, false
	}
	return uint64(code[0])<<56 | uint64(code[1])<<48 | uint64(code[2])<<40 | uint64(code[3])<<32 |
		uint64(ref[0])<<24 | uint64(ref[1])<<16 | uint64(atoi(seq)), true
}

func countKey[K comparable](m map[K]int, key K) {
	if _, ok := m[key]; ok || len(m) < maxDistinct {
		m[key]++
	}
}

func (k *checker) sender(s []byte) {
	if len(k.senderList) >= maxDistinct {
		return
	}
	if _, ok := k.senders[string(s)]; ok {
		return
	}
	k.senders[string(s)] = struct{}{}
	if t := trimmed(s); t != "" && !containsString(k.senderList, t) {
		k.senderList = append(k.senderList, t)
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// finish applies the rules that need the whole file.
func (k *checker) finish() {
	v := k.v
	if k.stopped {
		k.drain()
	}
	if v.err != nil {
		return
	}
	k.reportDamaged(-1, nil)
	if !k.stopped && k.inMsg {
		k.add(RuleMissingTrailer, k.msgStartRaw, k.msgStartLine, "1MHG", fmt.Sprintf(
			"The file ends without the message trailer (3MTG) for the message that starts at byte %d. It is incomplete.", k.msgStartRaw))
	}
	if !k.stopped {
		fileRaw, fileExp := v.rawNext, v.expOf(v.end)
		for _, t := range k.trailers {
			nextRaw, nextExp := t.nextRaw, t.nextExp
			if nextRaw < 0 {
				nextRaw, nextExp = fileRaw, fileExp
			}
			candidates := []int64{fileRaw, fileExp, t.endRaw - t.startRaw, t.endExp - t.startExp, nextRaw - t.startRaw, nextExp - t.startExp}
			match := false
			for _, c := range candidates {
				match = match || c == t.count
			}
			if !match {
				actual := nextRaw - t.startRaw
				if k.msgCount == 1 {
					actual = fileRaw
				}
				k.c.add(report.Finding{Rule: RuleTrailerCount, Severity: severities[RuleTrailerCount], Offset: t.offset, Line: t.line,
					Group: "3MTG", Message: t.msg, Text: fmt.Sprintf(
						"Trailer says the message contains %d characters, but %d were found. The carrier's count may be stale (common), or data may be missing.",
						t.count, actual)})
			}
		}
		for _, w := range k.waits {
			k.c.add(report.Finding{Rule: RuleSegmentMissing, Severity: severities[RuleSegmentMissing], Offset: w.offset, Line: w.line,
				Group: "2TRG", Message: w.msg, Transaction: w.txn, Text: fmt.Sprintf(
					"Transaction %d is piece %d of %d; the remaining pieces are not in this file.", w.txn, w.next-1, w.total)})
		}
	}
	if k.msgCount > 1 {
		k.c.add(report.Finding{Rule: RuleMultipleMessages, Severity: severities[RuleMultipleMessages], Offset: k.secondMsgRaw,
			Line: k.secondLine, Group: "1MHG", Message: 2, Text: fmt.Sprintf("The file contains %d messages (1MHG…3MTG).", k.msgCount)})
	}
	if k.firstMarker >= 0 {
		k.c.add(report.Finding{Rule: RuleCompressed, Severity: severities[RuleCompressed], Offset: k.firstMarker,
			Text: "The file uses ACORD run-length compression; the structure was checked after expanding it."})
	}
	if ext := strings.TrimPrefix(filepath.Ext(k.opts.Name), "."); ext != "" && !usualExtension(ext) {
		text := fmt.Sprintf("Unusual file extension '.%s' for an AL3 file.", ext)
		if !k.c.hasError {
			text = fmt.Sprintf("Unusual file extension '.%s'; the content is valid AL3.", ext)
		}
		k.c.add(report.Finding{Rule: RuleExtension, Severity: severities[RuleExtension], Offset: -1, Text: text})
	}
	if k.lineBreaks == 0 {
		for i := range k.c.items {
			k.c.items[i].Line = 0
		}
	}
}

// drain expands the rest of the file after the walk stopped, so that the
// compression findings (damaged sequences, and whether the file is compressed
// at all) cover the whole file, not the part that the reads happened to bring
// in before the walk stopped: the answer must not depend on the read sizes.
func (k *checker) drain() {
	v := k.v
	for v.err == nil {
		v.pos = v.end
		v.fill(1)
		if v.avail() == 0 {
			return
		}
	}
}

// usualExtension reports whether ext (without the dot) is one AL3 files use:
// al3, dat, txt, asc or a number such as 001.
func usualExtension(ext string) bool {
	switch strings.ToLower(ext) {
	case "al3", "dat", "txt", "asc":
		return true
	}
	return allDigits([]byte(ext))
}

func (k *checker) summary() *report.AL3Summary {
	s := &report.AL3Summary{
		Messages:     k.msgCount,
		Transactions: k.transacts,
		Groups:       k.groups,
		Compressed:   k.firstMarker >= 0,
		Senders:      k.senderList,
	}
	s.Categories = stringCounts(k.categories)
	s.Purposes = stringCounts(k.purposes)
	s.Lines = stringCounts(k.lines)
	for d := range k.dates {
		s.Dates = append(s.Dates, isoDate(d[:]))
	}
	sort.Strings(s.Dates)
	return s
}

func stringCounts[K [2]byte | [3]byte | [5]byte](m map[K]int) map[string]int {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]int, len(m))
	for key, n := range m {
		var b []byte
		switch k := any(key).(type) {
		case [2]byte:
			b = k[:]
		case [3]byte:
			b = k[:]
		case [5]byte:
			b = k[:]
		}
		out[trimmed(b)] += n
	}
	return out
}

package al3

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// BufferSize is the size of the checker's window on the file. Memory use is a
// small multiple of it, whatever the size of the file.
const BufferSize = 256 << 10

// Compression markers: a marker, two ASCII hex digits of count, the fill byte.
const (
	markerFA = 0xFA
	markerB3 = 0xB3
)

// segment maps a stretch of the expanded window back to the original file.
// A literal stretch maps byte for byte; every byte of a run maps to its marker.
type segment struct {
	exp int   // index in view.buf where the stretch starts
	raw int64 // offset in the file of buf[exp] (literal) or of the marker (run)
	run bool
}

// view is a window on the expanded file: buf[pos:end] is expanded data not yet
// consumed. It reads the source in large chunks straight into the window; only
// stretches that contain compression markers are copied and expanded.
type view struct {
	src  io.Reader
	buf  []byte
	pos  int
	end  int
	base int64 // expanded offset of buf[0]
	segs []segment

	srcEOF bool
	err    error

	pendBuf []byte // raw bytes read but not yet expanded: pendBuf[pendLo:pendHi]
	pendLo  int
	pendHi  int
	pendRaw int64 // file offset of pendBuf[pendLo]
	// nextFA and nextB3 cache the index in pendBuf of the next marker of each
	// kind at or after pendLo (pendHi when there is none); -1 means unknown.
	nextFA, nextB3 int
	rawNext        int64 // file offset of the next byte the source will give

	runLeft int // bytes of a run that did not fit in the window yet
	runByte byte
	runRaw  int64

	// onMarker is called for each valid compression sequence; onDamaged for each damaged one.
	onMarker  func(raw int64)
	onDamaged func(raw int64, marker byte)
}

func newView(src io.Reader, size int) *view {
	return &view{src: src, buf: make([]byte, size)} // pendBuf comes with the first marker
}

// avail is the number of expanded bytes ready at pos.
func (v *view) avail() int { return v.end - v.pos }

// done reports whether no more bytes will ever arrive.
func (v *view) done() bool {
	return v.srcEOF && v.pendLo == v.pendHi && v.runLeft == 0
}

// fill makes at least need bytes available at pos, unless the file ends first.
// need must not exceed len(buf).
func (v *view) fill(need int) {
	if v.end-v.pos >= need || v.done() {
		return
	}
	if len(v.buf)-v.pos < need {
		v.compact()
	}
	for v.end-v.pos < need && !v.done() {
		v.produce()
	}
}

// compact moves the unread bytes to the front of the window.
func (v *view) compact() {
	p := v.pos
	if p == 0 {
		return
	}
	copy(v.buf, v.buf[p:v.end])
	// keep the segment covering p and those after it, shifted
	i := v.segAt(p)
	if i < 0 {
		i = 0
	}
	kept := v.segs[i:]
	n := copy(v.segs, kept)
	v.segs = v.segs[:n]
	if n > 0 {
		first := &v.segs[0]
		if !first.run && first.exp < p {
			first.raw += int64(p - first.exp)
		}
		if first.exp < p {
			first.exp = p
		}
		for j := range v.segs {
			v.segs[j].exp -= p
		}
	}
	v.base += int64(p)
	v.end -= p
	v.pos = 0
}

// addLiteral records that buf[at:] starts a literal stretch from file offset raw.
func (v *view) addLiteral(at int, raw int64) {
	if n := len(v.segs); n > 0 {
		last := v.segs[n-1]
		if !last.run && last.raw+int64(at-last.exp) == raw {
			return // continues the previous stretch
		}
	}
	v.segs = append(v.segs, segment{exp: at, raw: raw})
}

func (v *view) addRun(at int, raw int64) {
	if n := len(v.segs); n > 0 && v.segs[n-1].run && v.segs[n-1].raw == raw {
		return
	}
	v.segs = append(v.segs, segment{exp: at, raw: raw, run: true})
}

// rawOf maps an index of buf (0 <= i <= end) to its offset in the original file.
func (v *view) rawOf(i int) int64 {
	k := v.segAt(i)
	if k < 0 {
		return v.rawNext // nothing mapped yet
	}
	s := v.segs[k]
	if !s.run {
		return s.raw + int64(i-s.exp)
	}
	if i >= v.end && i > s.exp {
		return s.raw + 4 // just past the run's sequence
	}
	return s.raw
}

// segAt returns the index of the last segment that starts at or before buf[i], or -1.
func (v *view) segAt(i int) int {
	segs := v.segs
	if n := len(segs); n > 0 && segs[n-1].exp <= i {
		return n - 1 // the common case: one literal stretch, or the newest one
	}
	lo, hi := 0, len(segs) // the answer is lo-1 when segs[lo:] all start after i
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if segs[m].exp <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo - 1
}

// expOf is the offset in the expanded file of buf[i].
func (v *view) expOf(i int) int64 { return v.base + int64(i) }

// indexMarker returns the index of the first compression marker in b, or -1.
func indexMarker(b []byte) int {
	i := bytes.IndexByte(b, markerFA)
	j := bytes.IndexByte(b, markerB3)
	switch {
	case i < 0:
		return j
	case j < 0 || i < j:
		return i
	default:
		return j
	}
}

// produce adds expanded bytes at end, at most one read's worth.
func (v *view) produce() {
	room := len(v.buf) - v.end
	if room == 0 {
		return
	}
	if v.runLeft > 0 {
		n := min(v.runLeft, room)
		v.addRun(v.end, v.runRaw)
		fillBytes(v.buf[v.end:v.end+n], v.runByte)
		v.end += n
		v.runLeft -= n
		return
	}
	if v.pendLo < v.pendHi {
		v.expandPending()
		return
	}
	if v.srcEOF {
		return
	}
	n, err := v.src.Read(v.buf[v.end:])
	if err != nil {
		v.srcEOF = true
		if !errors.Is(err, io.EOF) {
			v.err = fmt.Errorf("reading the file at byte %d: %w", v.rawNext+int64(n), err)
		}
	}
	if n <= 0 {
		return
	}
	chunk := v.buf[v.end : v.end+n]
	k := indexMarker(chunk)
	if k < 0 {
		v.addLiteral(v.end, v.rawNext)
		v.end += n
		v.rawNext += int64(n)
		return
	}
	if k > 0 {
		v.addLiteral(v.end, v.rawNext)
	}
	if v.pendBuf == nil {
		v.pendBuf = make([]byte, len(v.buf))
	}
	v.pendLo, v.pendHi = 0, copy(v.pendBuf, chunk[k:])
	v.nextFA, v.nextB3 = -1, -1
	v.pendRaw = v.rawNext + int64(k)
	v.end += k
	v.rawNext += int64(n)
}

// readMorePending appends source bytes to the pending raw bytes.
func (v *view) readMorePending() {
	if v.pendLo > 0 {
		v.pendHi = copy(v.pendBuf, v.pendBuf[v.pendLo:v.pendHi])
		v.pendLo = 0
	}
	v.nextFA, v.nextB3 = -1, -1
	for v.pendHi < 4 && !v.srcEOF {
		n, err := v.src.Read(v.pendBuf[v.pendHi:])
		if err != nil {
			v.srcEOF = true
			if !errors.Is(err, io.EOF) {
				v.err = fmt.Errorf("reading the file at byte %d: %w", v.rawNext+int64(n), err)
			}
		}
		v.pendHi += n
		v.rawNext += int64(n)
	}
}

// expandPending expands pending raw bytes into the window until it is full or
// the pending bytes run out.
func (v *view) expandPending() {
	for v.pendLo < v.pendHi && v.end < len(v.buf) && v.runLeft == 0 {
		p := v.pendBuf[v.pendLo:v.pendHi]
		if c := p[0]; c == markerFA || c == markerB3 {
			if len(p) < 4 && !v.srcEOF {
				v.readMorePending()
				continue
			}
			cnt, ok := 0, len(p) >= 4
			if ok {
				hi, ok1 := hexDigit(p[1])
				lo, ok2 := hexDigit(p[2])
				cnt, ok = hi<<4|lo, ok1 && ok2
			}
			if !ok {
				if v.onDamaged != nil {
					v.onDamaged(v.pendRaw, c)
				}
				// let the damaged marker through as a blank so the walk goes on
				v.addLiteral(v.end, v.pendRaw)
				v.buf[v.end] = ' '
				v.end++
				v.pendLo++
				v.pendRaw++
				continue
			}
			if v.onMarker != nil {
				v.onMarker(v.pendRaw)
			}
			v.runLeft, v.runByte, v.runRaw = cnt, p[3], v.pendRaw
			v.pendLo += 4
			v.pendRaw += 4
			if cnt > 0 {
				n := min(cnt, len(v.buf)-v.end)
				v.addRun(v.end, v.runRaw)
				fillBytes(v.buf[v.end:v.end+n], v.runByte)
				v.end += n
				v.runLeft -= n
			}
			continue
		}
		k := v.nextPendingMarker() - v.pendLo
		n := min(k, len(v.buf)-v.end)
		v.addLiteral(v.end, v.pendRaw)
		copy(v.buf[v.end:], p[:n])
		v.end += n
		v.pendLo += n
		v.pendRaw += int64(n)
	}
	if v.pendLo == v.pendHi {
		v.pendLo, v.pendHi = 0, 0
		v.nextFA, v.nextB3 = -1, -1
	}
}

// nextPendingMarker returns the index in pendBuf of the next marker at or after
// pendLo, or pendHi. Each marker kind is searched once per stretch, so a file
// that uses only one of them costs no repeated scans.
func (v *view) nextPendingMarker() int {
	if v.nextFA < v.pendLo {
		v.nextFA = v.pendHi
		if i := bytes.IndexByte(v.pendBuf[v.pendLo:v.pendHi], markerFA); i >= 0 {
			v.nextFA = v.pendLo + i
		}
	}
	if v.nextB3 < v.pendLo {
		v.nextB3 = v.pendHi
		if i := bytes.IndexByte(v.pendBuf[v.pendLo:v.pendHi], markerB3); i >= 0 {
			v.nextB3 = v.pendLo + i
		}
	}
	return min(v.nextFA, v.nextB3)
}

func hexDigit(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	}
	return 0, false
}

// fillBytes sets every byte of b to c, eight at a time.
func fillBytes(b []byte, c byte) {
	w := uint64(c) * swarOnes
	i := 0
	for ; i+8 <= len(b); i += 8 {
		binary.LittleEndian.PutUint64(b[i:], w)
	}
	for ; i < len(b); i++ {
		b[i] = c
	}
}

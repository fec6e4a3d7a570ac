package al3gen

import (
	"bytes"
	"fmt"
)

// Variant is a file derived from a real sample, with the verdict it must get.
type Variant struct {
	Name  string
	Data  []byte
	Valid bool   // whether the checker must accept it
	Rule  string // a rule that must be raised, or ""
}

// Variants derives the structural variants of the AL3 research (§3) from a
// valid CR LF sample whose lengths do not count the line breaks.
func Variants(sample []byte) []Variant {
	groups := bytes.Split(bytes.TrimSuffix(sample, []byte("\r\n")), []byte("\r\n"))
	join := func(gs [][]byte, sep string) []byte {
		return append(bytes.Join(gs, []byte(sep)), sep...)
	}
	counted := make([][]byte, len(groups))
	for i, g := range groups {
		c := bytes.Clone(g)
		if len(c) >= 7 {
			copy(c[4:7], fmt.Sprintf("%03d", len(g)+2))
		}
		counted[i] = c
	}
	countedCRLF := join(counted, "\r\n")
	trimmedGroups := make([][]byte, len(groups))
	for i, g := range groups {
		trimmedGroups[i] = bytes.TrimRight(g, " ")
	}
	return []Variant{
		{Name: "original", Data: sample, Valid: true},
		{Name: "line breaks removed", Data: join(groups, ""), Valid: true},
		{Name: "CR LF to LF", Data: join(groups, "\n"), Valid: true},
		{Name: "lengths count CR LF", Data: countedCRLF, Valid: true},
		{Name: "lengths count CR LF, then CR LF to LF", Data: bytes.ReplaceAll(countedCRLF, []byte("\r\n"), []byte("\n")), Rule: "al3/line-break-in-group"},
		{Name: "trailing spaces trimmed", Data: join(trimmedGroups, "\r\n"), Rule: "al3/line-break-in-group"},
		{Name: "truncated at 7000 bytes", Data: sample[:min(7000, len(sample))], Rule: "al3/truncated"},
		{Name: "squeezed with FA", Data: Squeeze(sample, 0xFA, 4), Valid: true, Rule: "al3/compressed"},
		{Name: "squeezed with B3", Data: Squeeze(sample, 0xB3, 4), Valid: true, Rule: "al3/compressed"},
		{Name: "two copies", Data: append(bytes.Clone(sample), sample...), Valid: true, Rule: "al3/multiple-messages"},
		{Name: "EBCDIC", Data: EBCDIC(sample), Rule: "al3/not-al3"},
	}
}

// EBCDIC converts ASCII text to code page 037 (letters, digits, blank and the
// usual punctuation; anything else becomes '?').
func EBCDIC(ascii []byte) []byte {
	out := make([]byte, len(ascii))
	for i, c := range ascii {
		out[i] = ebcdic(c)
	}
	return out
}

func ebcdic(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return 0xF0 + c - '0'
	case c >= 'A' && c <= 'I':
		return 0xC1 + c - 'A'
	case c >= 'J' && c <= 'R':
		return 0xD1 + c - 'J'
	case c >= 'S' && c <= 'Z':
		return 0xE2 + c - 'S'
	case c >= 'a' && c <= 'i':
		return 0x81 + c - 'a'
	case c >= 'j' && c <= 'r':
		return 0x91 + c - 'j'
	case c >= 's' && c <= 'z':
		return 0xA2 + c - 's'
	}
	switch c {
	case ' ':
		return 0x40
	case '\r':
		return 0x0D
	case '\n':
		return 0x25
	case '.':
		return 0x4B
	case '+':
		return 0x4E
	case '&':
		return 0x50
	case '-':
		return 0x60
	case '/':
		return 0x61
	case ',':
		return 0x6B
	}
	return 0x6F // '?'
}

package cli

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Text that comes from outside the program (file names, remote paths, server
// replies, names read from a file's content) never reaches the terminal raw:
// an ESC sequence in a file name could recolour, move the cursor, retitle the
// window or rewrite lines already shown; a CR or LF could forge a line such
// as "sent ... -> /in/x". JSON output stays exact JSON: encoding/json escapes
// the C0 controls itself, and jsonEscapeControls the rest.

// printable reports whether s is valid UTF-8 made only of printable
// characters (strconv.IsPrint: no control, format or bidi-override
// characters, no line breaks) and does not start with a double quote, which
// would make it look like a quoted name.
func printable(s string) bool {
	if !utf8.ValidString(s) || strings.HasPrefix(s, `"`) {
		return false
	}
	for _, r := range s {
		if !strconv.IsPrint(r) {
			return false
		}
	}
	return true
}

// safeName shows a file name or path as it is when it is plain printable
// text, and otherwise quoted with Go escapes ("bad\x1b[2Jname.al3"), so that
// what is on the screen says exactly which bytes the name has.
func safeName(s string) string {
	if printable(s) {
		return s
	}
	return strconv.Quote(s)
}

// safeText keeps a sentence readable but escapes, in place, every character
// that is not printable (\x1b, \r, \n, \u202e, a byte that is not UTF-8 as
// \xff). Use it for messages that may quote outside text: errors, notes,
// server replies, hints.
func safeText(s string) string {
	if printable(s) || (strings.HasPrefix(s, `"`) && printable(s[1:])) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i]), 16))
		case strconv.IsPrint(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r) // '\x1b', '\n', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// jsonEscapeControls rewrites, in JSON made by encoding/json, the characters
// it leaves raw but a terminal may act on (DEL, the C1 controls such as the
// 8-bit CSI U+009B, bidi overrides and other non-printable characters) as
// \uXXXX escapes. Outside strings JSON has only ASCII punctuation, letters
// and digits, so every such character is inside a string, where the escape
// decodes to the very same character: the JSON means exactly what it did.
func jsonEscapeControls(b []byte) []byte {
	clean := true
	for _, r := range string(b) {
		if r >= 0x7f && !strconv.IsPrint(r) {
			clean = false
			break
		}
	}
	if clean {
		return b
	}
	var out strings.Builder
	for _, r := range string(b) {
		if r < 0x7f || strconv.IsPrint(r) {
			out.WriteRune(r)
			continue
		}
		if r > 0xffff {
			hi, lo := utf16.EncodeRune(r)
			fmt.Fprintf(&out, `\u%04x\u%04x`, hi, lo)
			continue
		}
		fmt.Fprintf(&out, `\u%04x`, r)
	}
	return []byte(out.String())
}

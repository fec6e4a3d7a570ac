package al3

import "strings"

// Helpers that read fixed-position fields of AL3 groups.

// validTag reports whether g starts with a group tag: a digit, three upper-case
// letters and three digits of length.
func validTag(g []byte) bool {
	if len(g) < 7 {
		return false
	}
	return isDigit(g[0]) && isUpper(g[1]) && isUpper(g[2]) && isUpper(g[3]) &&
		isDigit(g[4]) && isDigit(g[5]) && isDigit(g[6])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func allDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return len(b) > 0
}

// blankField reports whether a field holds no data: spaces, '?' fill, zeros or NULs.
func blankField(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '?' && c != '0' && c != 0 {
			return false
		}
	}
	return true
}

// field returns b[from:to], cut to what b holds.
func field(b []byte, from, to int) []byte {
	if from >= len(b) {
		return nil
	}
	return b[from:min(to, len(b))]
}

func atoi(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

// validDate reports whether b is a plausible CCYYMMDD date.
func validDate(b []byte) bool {
	if len(b) != 8 || !allDigits(b) {
		return false
	}
	y, m, d := atoi(b[0:4]), atoi(b[4:6]), atoi(b[6:8])
	if y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		days = 29
	}
	return d <= days
}

// isoDate formats a valid CCYYMMDD date as CCYY-MM-DD.
func isoDate(b []byte) string {
	return string(b[0:4]) + "-" + string(b[4:6]) + "-" + string(b[6:8])
}

// oldDate turns a YYMMDD date into CCYYMMDD (years below 70 are 20YY), or nil.
func oldDate(b []byte) []byte {
	if len(b) != 6 || !allDigits(b) {
		return nil
	}
	century := "19"
	if b[0] < '7' {
		century = "20"
	}
	d := append([]byte(century), b...)
	if !validDate(d) {
		return nil
	}
	return d
}

// shown renders bytes for a sentence: printable ASCII as is, others as \xNN.
func shown(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		if c >= 0x20 && c < 0x7F {
			s.WriteByte(c)
		} else {
			s.WriteString(`\x`)
			s.WriteByte("0123456789ABCDEF"[c>>4])
			s.WriteByte("0123456789ABCDEF"[c&15])
		}
	}
	return s.String()
}

// trimmed is b without surrounding spaces, '?' fill and NULs.
func trimmed(b []byte) string {
	return strings.Trim(string(b), " ?\x00")
}

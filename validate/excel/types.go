package excel

import (
	"net/mail"
	"strings"
)

// Column types whose meaning is certain in US agency data.
const (
	TypeState  ColumnType = "state"  // a two-letter US state or territory code (USPS)
	TypeZip    ColumnType = "zip"    // a 5- or 9-digit ZIP code (12345, 12345-6789, 123456789)
	TypeEmail  ColumnType = "email"  // one e-mail address
	TypePhone  ColumnType = "phone"  // a US phone number: 10 digits (a leading 1 and an extension allowed)
	TypeDigits ColumnType = "digits" // digits only, such as an NAIC company code
)

// usStates are the USPS codes of the states, DC, the territories and the
// military post offices (AA, AE, AP), which addresses use as states.
var usStates = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO
		MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC
		AS GU MP PR VI UM FM MH PW AA AE AP`) {
		usStates[s] = true
	}
}

// checkTyped says why v does not fit a column of the types above, or "".
func checkTyped(t ColumnType, v string) string {
	switch t {
	case TypeState:
		if !usStates[strings.ToUpper(v)] {
			return "which is not a two-letter US state or territory code (IL, TX, PR…)"
		}
	case TypeZip:
		d := strings.ReplaceAll(v, "-", "")
		switch {
		case !allDigits(d) || strings.Count(v, "-") > 1 || strings.Contains(v, "-") && strings.Index(v, "-") != 5:
			return "which is not a ZIP code (12345 or 12345-6789)"
		case len(d) == 4 || len(d) == 8:
			return "which is not a 5 or 9 digit ZIP code: a leading zero was probably lost (format the column as Text and type it again, e.g. 02108)"
		case len(d) != 5 && len(d) != 9:
			return "which is not a 5 or 9 digit ZIP code"
		}
	case TypeEmail:
		a, err := mail.ParseAddress(v)
		if err != nil || a.Address != v || !strings.Contains(v[strings.LastIndex(v, "@")+1:], ".") {
			return "which is not an e-mail address (name@example.com)"
		}
	case TypePhone:
		if !isPhone(v) {
			return "which is not a US phone number (10 digits, e.g. (217) 555-0100)"
		}
	case TypeDigits:
		if !allDigits(v) {
			return "which should hold digits only"
		}
	}
	return ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isPhone accepts 10 digits (11 with a leading 1), written with spaces,
// dots, dashes, parentheses or a leading +, and an extension after x or ext.
func isPhone(v string) bool {
	low := strings.ToLower(v)
	for _, sep := range []string{" ext.", " ext", "ext.", "ext", " x", "x"} {
		if i := strings.Index(low, sep); i > 0 {
			if !allDigits(strings.TrimSpace(low[i+len(sep):])) {
				return false
			}
			low = low[:i]
			break
		}
	}
	var digits []byte
	for i := 0; i < len(low); i++ {
		switch c := low[i]; {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+' && i == 0:
		default:
			return false
		}
	}
	return len(digits) == 10 || len(digits) == 11 && digits[0] == '1'
}

package biff

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// builtinDate says whether a built-in number format (no FORMAT record) shows
// a date or a time: 14-22 and 45-47, and the East Asian ones 27-36 and 50-58.
func builtinDate(f uint16) bool {
	return f >= 14 && f <= 22 || f >= 27 && f <= 36 || f >= 45 && f <= 47 || f >= 50 && f <= 58
}

// isDateFormat says whether a number format code shows a date or time: it
// holds d, m, y, h or s outside quoted text, escapes and [brackets] (colour
// and condition sections; [h] [mm] [ss] elapsed times count).
func isDateFormat(code string) bool {
	if strings.EqualFold(code, "general") {
		return false
	}
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++ // the next character is literal, or padding
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				return false
			}
			inner := strings.ToLower(code[i+1 : i+1+j])
			if inner != "" && strings.Trim(inner, "hms") == "" {
				return true
			}
			i += j + 1
		case 'd', 'D', 'm', 'M', 'y', 'Y', 'h', 'H', 's', 'S':
			return true
		}
	}
	return false
}

// number writes a cell's number as the template check reads it: a date as
// 2006-01-02 (with the time when it has one) when its format is a date,
// otherwise the shortest decimal form.
func number(v float64, date, date1904 bool) string {
	if date && v >= 0 && v < 2958466 { // up to 9999-12-31
		return excelDate(v, date1904)
	}
	if math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// excelDate converts a date serial: days since 1899-12-30 (1904-01-01 in
// the 1904 system); Excel's phantom 1900-02-29 is ignored below serial 61.
func excelDate(v float64, date1904 bool) string {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	} else if v < 61 {
		base = base.AddDate(0, 0, 1)
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	t := base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	if secs == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05")
}

// rk decodes an RK number: 30 bits of an integer or of the high part of a
// double, bit 0 asking for a division by 100.
func rk(v uint32) float64 {
	var f float64
	if v&0x02 != 0 {
		f = float64(int32(v) >> 2)
	} else {
		f = math.Float64frombits(uint64(v&0xFFFFFFFC) << 32)
	}
	if v&0x01 != 0 {
		f /= 100
	}
	return f
}

// errorText is the text Excel shows for a cell error code.
func errorText(code byte) string {
	switch code {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0F:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1D:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	case 0x2A:
		return "#N/A"
	}
	return "#N/A"
}

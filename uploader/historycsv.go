package uploader

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// HistoryRange is a span of days for an export: Since included, Until
// excluded; a zero bound is open.
type HistoryRange struct{ Since, Until time.Time }

// ParseHistoryRange reads the days of an export: "2026-03-01" (local time;
// the until day is included whole) or an exact RFC 3339 time; "" is open.
func ParseHistoryRange(since, until string) (HistoryRange, error) {
	var r HistoryRange
	var err error
	if r.Since, err = parseDay(since, false); err != nil {
		return r, fmt.Errorf("from: %w", err)
	}
	if r.Until, err = parseDay(until, true); err != nil {
		return r, fmt.Errorf("until: %w", err)
	}
	if !r.Since.IsZero() && !r.Until.IsZero() && !r.Since.Before(r.Until) {
		return r, fmt.Errorf("the first day %s is after the last day %s", since, until)
	}
	return r, nil
}

func parseDay(s string, endOfDay bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	day, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date: write it like 2026-03-31 (or 2026-03-31T17:00:00Z)", s)
	}
	if endOfDay {
		day = day.AddDate(0, 0, 1)
	}
	return day, nil
}

// Holds reports whether t is in the range.
func (r HistoryRange) Holds(t time.Time) bool {
	return (r.Since.IsZero() || !t.Before(r.Since)) && (r.Until.IsZero() || t.Before(r.Until))
}

// WriteHistoryCSV writes the entries finished in the range, oldest first,
// as CSV with a header line (entries come newest first, as History gives
// them). A cell a spreadsheet would run as a formula is prefixed with a quote.
func WriteHistoryCSV(w io.Writer, entries []HistoryEntry, r HistoryRange) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"finished", "outcome", "path", "size", "sha256", "profile", "remote_path", "attempts", "note"})
	for i := len(entries) - 1; i >= 0; i-- {
		h := entries[i]
		if !r.Holds(h.Finished) {
			continue
		}
		row := []string{h.Finished.UTC().Format(time.RFC3339), h.Outcome, h.Path, strconv.FormatInt(h.Size, 10), h.SHA256,
			h.Profile, h.RemotePath, strconv.Itoa(h.Attempts), h.Note}
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				row[j] = "'" + cell
			}
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

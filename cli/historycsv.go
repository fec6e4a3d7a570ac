package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"exchange/audit"
	"exchange/uploader"
)

// historyRange is --since and --until of history: a day (2026-03-01, local
// time; --until includes that whole day) or an exact RFC 3339 time.
type historyRange struct{ since, until time.Time }

func parseHistoryRange(since, until string) (historyRange, error) {
	var r historyRange
	var err error
	if r.since, err = parseDay(since, false); err != nil {
		return r, fmt.Errorf("--since: %w", err)
	}
	if r.until, err = parseDay(until, true); err != nil {
		return r, fmt.Errorf("--until: %w", err)
	}
	if !r.since.IsZero() && !r.until.IsZero() && !r.since.Before(r.until) {
		return r, fmt.Errorf("--since %s is not before --until %s", since, until)
	}
	return r, nil
}

// parseDay reads a day or a time; endOfDay makes a day mean its end.
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

func (r historyRange) holds(t time.Time) bool {
	return (r.since.IsZero() || !t.Before(r.since)) && (r.until.IsZero() || t.Before(r.until))
}

// writeHistoryCSV writes the entries in the range, oldest first, as CSV.
func writeHistoryCSV(w io.Writer, entries []uploader.HistoryEntry, r historyRange) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"finished", "outcome", "path", "size", "sha256", "profile", "remote_path", "attempts", "note"})
	for i := len(entries) - 1; i >= 0; i-- { // the journal gives them newest first
		h := entries[i]
		if !r.holds(h.Finished) {
			continue
		}
		row := []string{h.Finished.UTC().Format(time.RFC3339), h.Outcome, h.Path, strconv.FormatInt(h.Size, 10), h.SHA256,
			h.Profile, h.RemotePath, strconv.Itoa(h.Attempts), h.Note}
		for j := range row {
			row[j] = audit.SafeCell(row[j])
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// writeAuditCSV writes the machine's audit trail in the range as CSV.
func writeAuditCSV(w, stderr io.Writer, r historyRange) error {
	dir := audit.Dir()
	records, bad, err := audit.Read(dir, r.since, r.until)
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		fmt.Fprintf(stderr, "exchange history: note: %d line(s) of the audit trail in %s could not be read and are left out (first: %s)\n",
			len(bad), safeText(dir), safeText(bad[0]))
	}
	return audit.WriteCSV(w, records)
}

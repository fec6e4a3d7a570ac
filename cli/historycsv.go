package cli

import (
	"fmt"
	"io"

	"exchange/audit"
	"exchange/uploader"
)

// parseHistoryRange is --since and --until of history --csv.
func parseHistoryRange(since, until string) (uploader.HistoryRange, error) {
	r, err := uploader.ParseHistoryRange(since, until)
	if err != nil {
		return r, fmt.Errorf("--since/--until: %w", err)
	}
	return r, nil
}

// writeAuditCSV writes the machine's audit trail in the range as CSV.
func writeAuditCSV(w, stderr io.Writer, r uploader.HistoryRange) error {
	dir := audit.Dir()
	records, bad, err := audit.Read(dir, r.Since, r.Until)
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		fmt.Fprintf(stderr, "exchange history: note: %d line(s) of the audit trail in %s could not be read and are left out (first: %s)\n",
			len(bad), safeText(dir), safeText(bad[0]))
	}
	return audit.WriteCSV(w, records)
}

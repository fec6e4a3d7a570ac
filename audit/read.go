package audit

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Read returns the records of every trail file in dir (the current one and
// the rotated ones) whose time is in [since, until) (a zero bound is open),
// oldest first. A line that does not read as a record is reported in bad
// (file:line) and skipped.
func Read(dir string, since, until time.Time) (records []Record, bad []string, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "audit*.jsonl"))
	if err != nil {
		return nil, nil, err
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, nil, fmt.Errorf("read the audit trail: %w", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for n := 1; sc.Scan(); n++ {
			if len(strings.TrimSpace(sc.Text())) == 0 {
				continue
			}
			var r Record
			if json.Unmarshal(sc.Bytes(), &r) != nil || r.Time.IsZero() {
				bad = append(bad, fmt.Sprintf("%s:%d", filepath.Base(name), n))
				continue
			}
			if (!since.IsZero() && r.Time.Before(since)) || (!until.IsZero() && !r.Time.Before(until)) {
				continue
			}
			records = append(records, r)
		}
		err = sc.Err()
		_ = f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", name, err)
		}
	}
	sort.SliceStable(records, func(i, j int) bool { return records[i].Time.Before(records[j].Time) })
	return records, bad, nil
}

// CSVHeader is the first line of WriteCSV.
var CSVHeader = []string{"time", "user", "machine", "path", "size", "sha256", "profile", "server", "remote_path", "outcome", "reason"}

// WriteCSV writes records as CSV with a header line, times in RFC 3339 UTC.
// A cell that a spreadsheet would take for a formula is prefixed with a quote.
func WriteCSV(w io.Writer, records []Record) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, r := range records {
		row := []string{r.Time.UTC().Format(time.RFC3339), r.User, r.Machine, r.Path, strconv.FormatInt(r.Size, 10), r.SHA256,
			r.Profile, r.Server, r.RemotePath, r.Outcome, r.Reason}
		for i, cell := range row {
			row[i] = SafeCell(cell)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// SafeCell keeps a spreadsheet from running a cell as a formula (a file
// name may begin with "=", "+", "-" or "@").
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

package cli

import (
	"flag"
	"fmt"
	"text/tabwriter"

	"exchange/app"
	"exchange/internal/units"
	"exchange/uploader"
)

func init() {
	commands["history"] = command{
		summary: "list the files sent: exchange history [--json] [--limit N] [--search TEXT]",
		run:     runHistory,
	}
}

func runHistory(e env) int {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per line")
	limit := fs.Int("limit", 50, "show at most N entries, newest first (0: all)")
	search := fs.String("search", "", "only entries whose path, remote path, profile, outcome or note contains TEXT")
	state := fs.String("state", "", "folder of the journal and history (default: EXCHANGE_STATE_DIR or the user's config folder)")
	asCSV := fs.Bool("csv", false, "write CSV (every entry in --since/--until, oldest first; --limit does not apply)")
	fromAudit := fs.Bool("audit", false, "with --csv: the computer's audit trail (every user's send decisions) instead of this history")
	since := fs.String("since", "", "with --csv: from this day (2026-03-01)")
	until := fs.String("until", "", "with --csv: up to and including this day (2026-03-31)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: exchange history [--json] [--limit N] [--search TEXT] [--state DIR]\n       exchange history --csv [--audit] [--since DAY] [--until DAY]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(e.args); err != nil {
		return ExitUsage
	}
	if fs.NArg() > 0 || *limit < 0 || (*asCSV && *asJSON) || (!*asCSV && (*fromAudit || *since != "" || *until != "")) {
		fs.Usage()
		return ExitUsage
	}
	span, err := parseHistoryRange(*since, *until)
	if err != nil {
		fmt.Fprintf(e.stderr, "exchange history: %s\n", safeText(err.Error()))
		return ExitUsage
	}
	if *asCSV && *fromAudit {
		if err := writeAuditCSV(e.stdout, e.stderr, span); err != nil {
			fmt.Fprintf(e.stderr, "exchange history: %s\n", safeText(err.Error()))
			return ExitUsage
		}
		return ExitOK
	}
	if *asCSV {
		*limit = 0
	}
	dir, err := app.StateDir(*state)
	if err != nil {
		fmt.Fprintf(e.stderr, "exchange history: %s\n", safeText(err.Error()))
		return ExitUsage
	}
	j, err := uploader.OpenJournal(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "exchange history: %s\n", safeText(err.Error()))
		return ExitUsage
	}
	defer j.Close()
	if notice := j.Notice(); notice != "" {
		fmt.Fprintf(e.stderr, "exchange history: note: %s\n", safeText(notice))
	}
	entries, err := j.History(uploader.HistoryQuery{Limit: *limit, Search: *search})
	if err != nil {
		fmt.Fprintf(e.stderr, "exchange history: %s\n", safeText(err.Error()))
		return ExitUsage
	}
	if *asCSV {
		if err := uploader.WriteHistoryCSV(e.stdout, entries, span); err != nil {
			fmt.Fprintf(e.stderr, "exchange history: %s\n", safeText(err.Error()))
			return ExitUsage
		}
		return ExitOK
	}
	if *asJSON {
		for _, h := range entries {
			writeJSONLine(e.stdout, h)
		}
		return ExitOK
	}
	if len(entries) == 0 {
		fmt.Fprintln(e.stdout, "no files in the history")
		return ExitOK
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tOUTCOME\tSIZE\tFILE\tTO\tNOTE")
	for _, h := range entries {
		to := h.RemotePath
		if to == "" {
			to = "-"
		}
		if to != "-" {
			to = safeName(to)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s %s\t%s\n", h.Finished.Local().Format("2006-01-02 15:04:05"), safeText(h.Outcome),
			units.Bytes(h.Size), safeName(h.Path), safeText(h.Profile), to, safeText(h.Note))
	}
	_ = tw.Flush()
	return ExitOK
}

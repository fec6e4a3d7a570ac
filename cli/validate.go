package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"exchange/app"
	"exchange/validate"
)

func init() {
	commands["validate"] = command{
		summary: "check AL3 and Excel files before sending: exchange validate [--json] [--template NAME|FILE] PATH... (--list-templates)",
		run:     runValidate,
	}
}

// runValidate checks each path and prints a report per file. Exit 0 when no
// file is invalid (warnings allowed), 1 when any is invalid, 2 on usage or I/O errors.
func runValidate(e env) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per file per line")
	template := fs.String("template", "", "check workbooks against this import template (a built-in NAME or a template FILE)")
	list := fs.Bool("list-templates", false, "list the Excel import templates (built-in and the administrator's folder) and exit")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: exchange validate [--json] [--template NAME|FILE] PATH...")
		fmt.Fprintln(e.stderr, "       exchange validate --list-templates [--json]")
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, e.args)
	if err != nil {
		return ExitUsage
	}
	if *list {
		return listTemplates(e, *asJSON)
	}
	if len(paths) == 0 {
		fs.Usage()
		return ExitUsage
	}
	opts, err := app.ValidateOptions(*template)
	if err != nil {
		fmt.Fprintf(e.stderr, "exchange validate: %s\n", safeText(err.Error()))
		return ExitUsage
	}
	code := ExitOK
	for _, path := range paths {
		rep, err := validatePath(path, opts)
		if err != nil {
			fmt.Fprintf(e.stderr, "exchange validate: %s\n", safeText(err.Error()))
			if *asJSON {
				writeJSONLine(e.stdout, map[string]string{"path": path, "error": err.Error()})
			}
			code = ExitUsage
			continue
		}
		if *asJSON {
			writeJSONLine(e.stdout, rep)
		} else {
			writeReport(e.stdout, rep)
		}
		if !rep.Valid && code == ExitOK {
			code = ExitFailed
		}
	}
	return code
}

// parseInterspersed parses flags that may come before, between or after the
// paths. After "--" everything is a path, even a name that starts with "-".
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := args[:len(args)-len(rest)]; len(consumed) > 0 && consumed[len(consumed)-1] == "--" {
			return append(paths, rest...), nil
		}
		if len(rest) == 0 {
			return paths, nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

// writeJSONLine writes v as one line of JSON, with every character a
// terminal could act on escaped (see jsonEscapeControls).
func writeJSONLine(w io.Writer, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte(fmt.Sprintf(`{"error":%q}`, err.Error()))
	}
	fmt.Fprintf(w, "%s\n", jsonEscapeControls(b))
}

// writeReport prints a readable report: the verdict, the findings, the summary.
func writeReport(w io.Writer, rep *validate.Report) {
	errs, warns, infos := rep.ErrorCount(), rep.WarningCount(), rep.InfoCount()
	verdict := "valid"
	if !rep.Valid {
		verdict = "INVALID"
	}
	counts := []string{}
	for _, c := range []struct {
		n    int
		word string
	}{{errs, "error"}, {warns, "warning"}, {infos, "remark"}} {
		if c.n > 0 {
			counts = append(counts, plural(c.n, c.word))
		}
	}
	line := fmt.Sprintf("%s: %s, %s", safeName(rep.Path), kindName(rep.Kind), verdict)
	if len(counts) > 0 {
		line += " (" + strings.Join(counts, ", ") + ")"
	}
	fmt.Fprintln(w, line)
	for _, f := range rep.Findings {
		fmt.Fprintf(w, "  %-7s %s", f.Severity, safeText(f.Rule))
		if place := f.Place(); place != "" {
			fmt.Fprintf(w, " at %s", safeText(place))
		}
		fmt.Fprintf(w, ": %s\n", safeText(f.Text))
	}
	if more := rep.OmittedText(); more != "" {
		fmt.Fprintf(w, "  %s\n", more)
	}
	if s := summaryOf(rep); s != "" {
		fmt.Fprintf(w, "  summary: %s\n", safeText(s))
	}
}

func kindName(k validate.Kind) string {
	switch k {
	case validate.KindAL3:
		return "ACORD AL3"
	case validate.KindXLSX:
		return "Excel workbook (xlsx)"
	case validate.KindXLS:
		return "legacy Excel workbook (xls)"
	}
	return "unknown kind"
}

func summaryOf(rep *validate.Report) string {
	var parts []string
	if s := rep.AL3; s != nil && s.Messages > 0 {
		parts = append(parts, plural(s.Messages, "message")+", "+plural(s.Transactions, "transaction")+", "+plural(s.Groups, "group"))
		if len(s.Categories) > 0 {
			parts = append(parts, "categories "+counted(s.Categories, categoryNames))
		}
		if len(s.Purposes) > 0 {
			parts = append(parts, "purposes "+counted(s.Purposes, nil))
		}
		if len(s.Lines) > 0 {
			parts = append(parts, "lines of business "+counted(s.Lines, nil))
		}
		if len(s.Senders) > 0 {
			parts = append(parts, "senders "+strings.Join(s.Senders, ", "))
		}
		if len(s.Dates) > 0 {
			parts = append(parts, "dates "+strings.Join(s.Dates, ", "))
		}
		if s.Compressed {
			parts = append(parts, "run-length compressed")
		}
	}
	if s := rep.Excel; s != nil {
		for _, sh := range s.Sheets {
			p := fmt.Sprintf("sheet %q %d×%d", sh.Name, sh.Rows, sh.Columns)
			if sh.Hidden {
				p += " (hidden)"
			}
			parts = append(parts, p)
		}
		if s.Macros {
			parts = append(parts, "contains macros")
		}
		if s.Template != "" {
			parts = append(parts, "template "+s.Template)
		}
	}
	if rep.Checked != "" && len(parts) == 0 {
		parts = append(parts, "checked "+rep.Checked)
	}
	return strings.Join(parts, "; ")
}

// categoryNames spells out the 2TRG transaction categories.
var categoryNames = map[string]string{"P": "policy", "C": "claim", "A": "accounting", "B": "bond", "E": "edits", "M": "miscellaneous"}

func counted(m map[string]int, names map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		label := k
		if n, ok := names[k]; ok {
			label = n
		}
		out[i] = fmt.Sprintf("%s %d", label, m[k])
	}
	return strings.Join(out, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

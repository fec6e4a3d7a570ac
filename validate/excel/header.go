package excel

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"exchange/validate/report"
)

// maxAlignedColumns bounds the header cells compared with a template column
// by column (the alignment costs template columns × header cells); any
// header cells past it are reported as extra.
const maxAlignedColumns = 1024

// checkHeader compares the header row with the template's columns and writes
// one finding per problem column, in words a clerk acts on: a column
// missing ("column 6 should be Client Type, found SIC Code: the columns from
// here on are shifted by one"), one too many, two swapped, one misplaced, one
// misspelt. It also maps each template column to the sheet column holding it
// (colOf), so typed cells are checked under their real names.
func (c *templateCheck) checkHeader(sheet string, rowNum int, cols []string) {
	c.header = true
	want := make([]string, len(c.t.Columns))
	wantAt := map[string]int{}
	for i, col := range c.t.Columns {
		want[i] = normalize(col.Name)
		wantAt[want[i]] = i
	}
	found := cols[:lastNonEmpty(cols)]
	if len(found) > maxAlignedColumns {
		for j := maxAlignedColumns; j < len(found); j++ {
			if strings.TrimSpace(found[j]) != "" {
				c.headerIssue(RuleTemplateExtra, sheet, j, rowNum, fmt.Sprintf("%s is %s, which is not a column of the %s format: remove it.", c.colRef(j), quoteOr(found[j]), c.t.Name))
			}
		}
		found = found[:maxAlignedColumns]
	}
	got := make([]string, len(found))
	for j, v := range found {
		got[j] = normalize(v)
	}
	match := lcs(want, got) // template column -> header column, -1 when not in the common order
	c.colOf = make([]int, len(want))
	used := make([]bool, len(got))
	for i, j := range match {
		c.colOf[i] = j
		if j >= 0 {
			used[j] = true
		}
	}
	// Columns present but out of the common order: misplaced, or swapped in pairs.
	misplaced := map[int]int{} // template column -> header column
	for i, j := range match {
		if j >= 0 {
			continue
		}
		for k, g := range got {
			if g == want[i] && !used[k] {
				misplaced[i], c.colOf[i], used[k] = k, k, true
				break
			}
		}
	}
	done := map[int]bool{}
	order := make([]int, 0, len(misplaced))
	for i := range misplaced {
		order = append(order, i)
	}
	slices.Sort(order)
	for _, i := range order {
		k := misplaced[i]
		if done[i] {
			continue
		}
		// swapped: column i holds template column o, and o's place holds i's
		if i < len(got) {
			if o, ok := wantAt[got[i]]; ok && o == k && c.colOf[o] == i {
				done[i], done[o] = true, true
				a, b := min(i, o), max(i, o)
				for _, p := range []int{a, b} {
					c.headerIssue(RuleTemplateOrder, sheet, p, rowNum, fmt.Sprintf("%s should be %s, found %s: columns %d and %d are swapped.",
						c.colRef(p), c.t.Columns[p].Name, strings.TrimSpace(found[p]), a+1, b+1))
				}
				continue
			}
		}
		c.headerIssue(RuleTemplateOrder, sheet, k, rowNum, fmt.Sprintf("%s is %s, which the %s format expects as column %d (%s): move it there.",
			c.colRef(k), c.t.Columns[i].Name, c.t.Name, i+1, columnLetters(i+1)))
	}
	// Missing template columns and extra header cells, taken between the same
	// two columns in common: a missing one facing an extra one is a column
	// renamed or misspelt; a missing one alone shifts the columns after it.
	var missing, extra []int
	flush := func() {
		for len(missing) > 0 && len(extra) > 0 {
			i, j := missing[0], extra[0]
			missing, extra = missing[1:], extra[1:]
			c.colOf[i] = -1
			c.headerIssue(RuleTemplateMissing, sheet, j, rowNum, fmt.Sprintf("%s should be %s, found %s: rename it if it holds the %s, or put the %s column there.",
				c.colRef(j), c.t.Columns[i].Name, quoteOr(found[j]), c.t.Columns[i].Name, c.t.Columns[i].Name))
		}
		shift := len(extra) - len(missing)
		for _, i := range missing {
			c.colOf[i] = -1
			text := fmt.Sprintf("%s should be %s, but the header row ends before it: %s is missing. Every column of the %s format is required, even when empty.",
				c.colRef(i), c.t.Columns[i].Name, c.t.Columns[i].Name, c.t.Name)
			if i < len(found) {
				text = fmt.Sprintf("%s should be %s, found %s: %s is missing, so the columns from here on are shifted by %s. Every column of the %s format is required, even when empty.",
					c.colRef(i), c.t.Columns[i].Name, quoteOr(found[i]), c.t.Columns[i].Name, count(-shift), c.t.Name)
			}
			c.headerIssue(RuleTemplateMissing, sheet, i, rowNum, text)
		}
		for _, j := range extra {
			text := fmt.Sprintf("%s is %s, which is not a column of the %s format: remove it, so the columns after it move back by %s.", c.colRef(j), quoteOr(found[j]), c.t.Name, count(shift))
			if j == len(found)-1 || shift <= 0 {
				text = fmt.Sprintf("%s is %s, which is not a column of the %s format: remove it.", c.colRef(j), quoteOr(found[j]), c.t.Name)
			}
			if i, dup := wantAt[got[j]]; dup && got[j] != "" && c.colOf[i] >= 0 {
				text = fmt.Sprintf("%s repeats %s, already column %d (%s): remove one of them.", c.colRef(j), c.t.Columns[i].Name, c.colOf[i]+1, columnLetters(c.colOf[i]+1))
			}
			c.headerIssue(RuleTemplateExtra, sheet, j, rowNum, text)
		}
		missing, extra = nil, nil
	}
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case i < len(want) && match[i] >= 0 && j == match[i]:
			flush()
			i, j = i+1, j+1
		case i < len(want) && (match[i] < 0 || j > match[i]):
			if _, moved := misplaced[i]; !moved {
				missing = append(missing, i)
			}
			i++
		default:
			if !used[j] {
				extra = append(extra, j)
			}
			j++
		}
	}
	flush()
}

// headerIssue adds a finding on the header cell of column index col (0-based).
func (c *templateCheck) headerIssue(rule, sheet string, col, rowNum int, text string) {
	c.headerProblems++
	if len(c.issues) >= 4*c.listed {
		c.headerMore++
		return
	}
	c.issues = append(c.issues, finding(rule, report.SeverityError, sheet, cellName(col+1, rowNum), text))
	c.issueCols = append(c.issueCols, col)
}

// sortIssues puts the header findings in column order.
func (c *templateCheck) sortIssues() {
	idx := make([]int, len(c.issues))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return c.issueCols[idx[a]] < c.issueCols[idx[b]] })
	sorted := make([]report.Finding, len(idx))
	for i, k := range idx {
		sorted[i] = c.issues[k]
	}
	c.issues = sorted
}

// colRef names a column for a clerk: "Column 6 (F)".
func (c *templateCheck) colRef(col int) string {
	return fmt.Sprintf("Column %d (%s)", col+1, columnLetters(col+1))
}

func columnLetters(n int) string {
	var s []byte
	for ; n > 0; n = (n - 1) / 26 {
		s = append([]byte{byte('A' + (n-1)%26)}, s...)
	}
	return string(s)
}

func quoteOr(v string) string {
	if strings.TrimSpace(v) == "" {
		return "an empty header cell"
	}
	return strings.TrimSpace(v)
}

func count(n int) string {
	words := []string{"zero", "one", "two", "three", "four", "five"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}

// lcs aligns want with got by their longest common subsequence: for each
// index of want, the index of got it is paired with, or -1.
func lcs(want, got []string) []int {
	n, m := len(want), len(got)
	t := make([][]int32, n+1)
	for i := range t {
		t[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case want[i] != "" && want[i] == got[j]:
				t[i][j] = t[i+1][j+1] + 1
			case t[i+1][j] >= t[i][j+1]:
				t[i][j] = t[i+1][j]
			default:
				t[i][j] = t[i][j+1]
			}
		}
	}
	out := make([]int, n)
	for i := range out {
		out[i] = -1
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case want[i] != "" && want[i] == got[j]:
			out[i] = j
			i, j = i+1, j+1
		case t[i+1][j] >= t[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

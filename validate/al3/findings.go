package al3

import (
	"fmt"

	"exchange/validate/report"
)

// DefaultMaxPerRule is how many findings of one rule a report keeps before it
// sums up the rest in one "and N more" finding.
const DefaultMaxPerRule = 20

// collector keeps findings in the order they were found, at most max per rule.
type collector struct {
	max      int
	items    []report.Finding
	kept     map[string]int
	dropped  map[string]int
	order    []string // rules in order of first drop, for a stable summary
	hasError bool
}

func newCollector(max int) *collector {
	if max <= 0 {
		max = DefaultMaxPerRule
	}
	return &collector{max: max, kept: map[string]int{}, dropped: map[string]int{}}
}

// full reports whether rule has reached its cap; the caller then calls drop
// instead of building the sentence, so a huge bad file costs no formatting.
func (c *collector) full(rule string) bool { return c.kept[rule] >= c.max }

// drop counts a finding that was not kept.
func (c *collector) drop(rule string, sev report.Severity) {
	if sev == report.SeverityError {
		c.hasError = true
	}
	if c.dropped[rule] == 0 {
		c.order = append(c.order, rule)
	}
	c.dropped[rule]++
}

// add keeps f unless its rule is full.
func (c *collector) add(f report.Finding) {
	if f.Severity == report.SeverityError {
		c.hasError = true
	}
	if c.full(f.Rule) {
		c.drop(f.Rule, f.Severity)
		return
	}
	c.kept[f.Rule]++
	c.items = append(c.items, f)
}

// finish appends one "and N more" finding per capped rule and returns all findings.
func (c *collector) finish() []report.Finding {
	for _, rule := range c.order {
		n := c.dropped[rule]
		sev := severities[rule]
		for _, f := range c.items { // a rule may be raised at two severities (M11)
			if f.Rule == rule {
				sev = f.Severity
				break
			}
		}
		c.items = append(c.items, report.Finding{
			Rule:     rule,
			Severity: sev,
			Offset:   -1,
			Text:     fmt.Sprintf("…and %d more findings of this kind (%s), not listed.", n, rule),
		})
	}
	if c.items == nil {
		c.items = []report.Finding{}
	}
	return c.items
}

package al3

import (
	"sort"

	"exchange/validate/report"
)

// DefaultMaxPerRule is how many findings of one rule a report lists; the
// rest are only counted (report.Omitted).
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

// forget drops the count of findings of rule that were not kept.
func (c *collector) forget(rule string) {
	if c.dropped[rule] == 0 {
		return
	}
	delete(c.dropped, rule)
	for i, r := range c.order {
		if r == rule {
			c.order = append(c.order[:i], c.order[i+1:]...)
			break
		}
	}
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

// finish returns the findings kept, in the order they were found, and how
// many of each capped rule were not kept, by rule id (an order that does not
// depend on when the reads let the checker meet them).
func (c *collector) finish() ([]report.Finding, []report.Omitted) {
	var omitted []report.Omitted
	for _, rule := range c.order {
		sev := severities[rule]
		for _, f := range c.items { // a rule may be raised at two severities (M11)
			if f.Rule == rule {
				sev = f.Severity
				break
			}
		}
		omitted = append(omitted, report.Omitted{Rule: rule, Severity: sev, Count: c.dropped[rule]})
	}
	sort.Slice(omitted, func(i, j int) bool { return omitted[i].Rule < omitted[j].Rule })
	if c.items == nil {
		c.items = []report.Finding{}
	}
	return c.items, omitted
}

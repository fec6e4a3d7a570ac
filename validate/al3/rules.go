package al3

import "exchange/validate/report"

// Rule ids of the AL3 checks. They are stable: profiles, logs and tests refer to them.
const (
	RuleEmpty                  = "al3/empty"                    // M1
	RuleArchive                = "al3/archive"                  // M2 (raised by kind detection)
	RuleEBCDIC                 = "al3/ebcdic"                   // M3 (raised by kind detection)
	RuleNotAL3                 = "al3/not-al3"                  // M4
	RuleBadGroupHeader         = "al3/bad-group-header"         // M5
	RuleShortLength            = "al3/short-length"             // M6
	RuleTruncated              = "al3/truncated"                // M7
	RuleLineBreakInGroup       = "al3/line-break-in-group"      // M8
	RuleMissingTrailer         = "al3/missing-trailer"          // M9
	RuleHeaderInMessage        = "al3/header-in-message"        // M10
	RuleDataAfterTrailer       = "al3/data-after-trailer"       // M11 (a warning for 2FID/2FTT)
	RuleGroupBeforeTransaction = "al3/group-before-transaction" // M12
	RuleBadCompression         = "al3/bad-compression"          // M13
	RuleExcessPadding          = "al3/excess-padding"           // W6 beyond MaxPadding bytes after the last 3MTG

	RuleTrailerCount     = "al3/trailer-count"      // W1
	RuleMoreToCome       = "al3/more-to-come"       // W2
	RuleNoTransactions   = "al3/no-transactions"    // W3
	RuleSegmentMissing   = "al3/segment-missing"    // W4
	RuleNonASCII         = "al3/non-ascii"          // W5
	RuleNULPadding       = "al3/nul-padding"        // W6
	RuleBOM              = "al3/bom"                // W7
	RuleMixedLineEndings = "al3/mixed-line-endings" // W8
	RuleUnknownParent    = "al3/unknown-parent"     // W9
	RuleUnknownGroup     = "al3/unknown-group"      // W10
	RuleMultipleMessages = "al3/multiple-messages"  // W11
	RuleCompressed       = "al3/compressed"         // W12
	RuleExtension        = "al3/extension"          // W13
	RuleBadDate          = "al3/bad-date"           // W14
)

// severities gives the severity of each rule.
var severities = map[string]report.Severity{
	RuleEmpty:                  report.SeverityError,
	RuleArchive:                report.SeverityError,
	RuleEBCDIC:                 report.SeverityError,
	RuleNotAL3:                 report.SeverityError,
	RuleBadGroupHeader:         report.SeverityError,
	RuleShortLength:            report.SeverityError,
	RuleTruncated:              report.SeverityError,
	RuleLineBreakInGroup:       report.SeverityError,
	RuleMissingTrailer:         report.SeverityError,
	RuleHeaderInMessage:        report.SeverityError,
	RuleDataAfterTrailer:       report.SeverityError,
	RuleGroupBeforeTransaction: report.SeverityError,
	RuleBadCompression:         report.SeverityError,
	RuleExcessPadding:          report.SeverityError,

	RuleTrailerCount:     report.SeverityWarning,
	RuleMoreToCome:       report.SeverityWarning,
	RuleNoTransactions:   report.SeverityWarning,
	RuleSegmentMissing:   report.SeverityWarning,
	RuleNonASCII:         report.SeverityWarning,
	RuleNULPadding:       report.SeverityWarning,
	RuleBOM:              report.SeverityWarning,
	RuleMixedLineEndings: report.SeverityWarning,
	RuleUnknownParent:    report.SeverityWarning,
	RuleUnknownGroup:     report.SeverityWarning,
	RuleMultipleMessages: report.SeverityInfo,
	RuleCompressed:       report.SeverityInfo,
	RuleExtension:        report.SeverityWarning,
	RuleBadDate:          report.SeverityWarning,
}

// SeverityOf returns the usual severity of an AL3 rule id, and false for an unknown id.
func SeverityOf(rule string) (report.Severity, bool) {
	s, ok := severities[rule]
	return s, ok
}

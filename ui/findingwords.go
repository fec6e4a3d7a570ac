package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"exchange/validate/report"
)

// Package validate writes its findings in English (it is a core package,
// without Fyne). In another language the window puts before a finding's
// sentence a summary of its rule in that language; the English sentence
// stays, with its figures (bytes, counts, cells), for support.

// findingSummary is the summary of f's rule in the clerk's language, ""
// when the language is English (the validator's own sentence says it) or
// the rule is not known here.
func findingSummary(f report.Finding) string {
	english, translated := ruleSummary(f.Rule)
	if translated == english {
		return ""
	}
	return translated
}

// findingText is what the window shows of a finding: its summary in the
// clerk's language, then the validator's sentence in parentheses, or the
// sentence alone in English.
func findingText(f report.Finding) string {
	if s := findingSummary(f); s != "" {
		return s + " (" + f.Text + ")"
	}
	return f.Text
}

// placeText says where a finding is, in the clerk's language, like
// report.Finding.Place: "sheet!cell" for Excel; byte, line, group, message
// and transaction for AL3.
func placeText(f report.Finding) string {
	var parts []string
	if f.Sheet != "" {
		p := f.Sheet
		if f.Cell != "" {
			p += "!" + f.Cell
		}
		parts = append(parts, p)
	} else if f.Offset >= 0 {
		parts = append(parts, fmt.Sprintf(lang.L("byte %d"), f.Offset))
	}
	if f.Line > 0 {
		parts = append(parts, fmt.Sprintf(lang.L("line %d"), f.Line))
	}
	if f.Group != "" {
		parts = append(parts, fmt.Sprintf(lang.L("group %s"), f.Group))
	}
	if f.Message > 0 {
		parts = append(parts, fmt.Sprintf(lang.L("message %d"), f.Message))
	}
	if f.Transaction > 0 {
		parts = append(parts, fmt.Sprintf(lang.L("transaction %d"), f.Transaction))
	}
	return strings.Join(parts, ", ")
}

// ruleSummary is a rule's summary in English and in the clerk's language.
func ruleSummary(rule string) (english, translated string) {
	switch rule {
	case "al3/empty":
		return "The file is empty.", lang.X("rule.al3/empty", "The file is empty.")
	case "al3/archive":
		return "The file is a compressed archive (zip or gzip), not the AL3 download itself.", lang.X("rule.al3/archive", "The file is a compressed archive (zip or gzip), not the AL3 download itself.")
	case "al3/ebcdic":
		return "The file is in a mainframe character set (EBCDIC), not the AL3 text.", lang.X("rule.al3/ebcdic", "The file is in a mainframe character set (EBCDIC), not the AL3 text.")
	case "al3/not-al3":
		return "This is not an AL3 download.", lang.X("rule.al3/not-al3", "This is not an AL3 download.")
	case "al3/bad-group-header":
		return "A group's header is damaged.", lang.X("rule.al3/bad-group-header", "A group's header is damaged.")
	case "al3/short-length":
		return "A group declares a length shorter than its own header.", lang.X("rule.al3/short-length", "A group declares a length shorter than its own header.")
	case "al3/truncated":
		return "The file is cut short: download it again.", lang.X("rule.al3/truncated", "The file is cut short: download it again.")
	case "al3/line-break-in-group":
		return "A line break falls inside a group: the file was changed after the download.", lang.X("rule.al3/line-break-in-group", "A line break falls inside a group: the file was changed after the download.")
	case "al3/missing-trailer":
		return "The message has no trailer (3MTG): the file is incomplete.", lang.X("rule.al3/missing-trailer", "The message has no trailer (3MTG): the file is incomplete.")
	case "al3/header-in-message":
		return "A new message starts before the previous one ended.", lang.X("rule.al3/header-in-message", "A new message starts before the previous one ended.")
	case "al3/data-after-trailer":
		return "There is data after the message's trailer.", lang.X("rule.al3/data-after-trailer", "There is data after the message's trailer.")
	case "al3/group-before-transaction":
		return "There is data before the first transaction.", lang.X("rule.al3/group-before-transaction", "There is data before the first transaction.")
	case "al3/bad-compression":
		return "The file's compressed data is damaged.", lang.X("rule.al3/bad-compression", "The file's compressed data is damaged.")
	case "al3/excess-padding":
		return "The file ends with far too much padding: get it again.", lang.X("rule.al3/excess-padding", "The file ends with far too much padding: get it again.")
	case "al3/trailer-count":
		return "The trailer's count does not match the data in the message.", lang.X("rule.al3/trailer-count", "The trailer's count does not match the data in the message.")
	case "al3/more-to-come":
		return "The carrier says more data comes in another file.", lang.X("rule.al3/more-to-come", "The carrier says more data comes in another file.")
	case "al3/no-transactions":
		return "The message has no transactions.", lang.X("rule.al3/no-transactions", "The message has no transactions.")
	case "al3/segment-missing":
		return "Part of a transaction is not in this file.", lang.X("rule.al3/segment-missing", "Part of a transaction is not in this file.")
	case "al3/non-ascii":
		return "The file has characters outside plain text (ASCII).", lang.X("rule.al3/non-ascii", "The file has characters outside plain text (ASCII).")
	case "al3/nul-padding":
		return "The file has NUL or padding bytes.", lang.X("rule.al3/nul-padding", "The file has NUL or padding bytes.")
	case "al3/bom":
		return "The file starts with a byte-order mark added by an editor.", lang.X("rule.al3/bom", "The file starts with a byte-order mark added by an editor.")
	case "al3/mixed-line-endings":
		return "The file mixes line-ending styles.", lang.X("rule.al3/mixed-line-endings", "The file mixes line-ending styles.")
	case "al3/unknown-parent":
		return "A group refers to a parent group that is not there.", lang.X("rule.al3/unknown-parent", "A group refers to a parent group that is not there.")
	case "al3/unknown-group":
		return "A group code is not a known AL3 group.", lang.X("rule.al3/unknown-group", "A group code is not a known AL3 group.")
	case "al3/multiple-messages":
		return "The file holds more than one message.", lang.X("rule.al3/multiple-messages", "The file holds more than one message.")
	case "al3/compressed":
		return "The file uses AL3 compression.", lang.X("rule.al3/compressed", "The file uses AL3 compression.")
	case "al3/extension":
		return "The file's name does not end as an AL3 download usually does.", lang.X("rule.al3/extension", "The file's name does not end as an AL3 download usually does.")
	case "al3/bad-date":
		return "A date in the file is not a real date.", lang.X("rule.al3/bad-date", "A date in the file is not a real date.")
	case "xlsx/corrupt", "xls/corrupt":
		return "The workbook is damaged and cannot be read.", lang.X("rule.excel/corrupt", "The workbook is damaged and cannot be read.")
	case "xlsx/encrypted", "xls/encrypted":
		return "The workbook is protected with a password.", lang.X("rule.excel/encrypted", "The workbook is protected with a password.")
	case "xlsx/hidden-sheet", "xls/hidden-sheet":
		return "The workbook has a hidden sheet.", lang.X("rule.excel/hidden-sheet", "The workbook has a hidden sheet.")
	case "xlsx/external-links":
		return "The workbook links to other files.", lang.X("rule.xlsx/external-links", "The workbook links to other files.")
	case "xlsx/formula-error":
		return "A cell shows a formula error.", lang.X("rule.xlsx/formula-error", "A cell shows a formula error.")
	case "xlsx/macros":
		return "The workbook contains macros.", lang.X("rule.xlsx/macros", "The workbook contains macros.")
	case "xlsx/missing-part":
		return "A part of the workbook is missing.", lang.X("rule.xlsx/missing-part", "A part of the workbook is missing.")
	case "xlsx/no-data":
		return "The workbook has no data.", lang.X("rule.xlsx/no-data", "The workbook has no data.")
	case "xlsx/too-large":
		return "The workbook is too large to check.", lang.X("rule.xlsx/too-large", "The workbook is too large to check.")
	case "xls/cells-unchecked":
		return "The cells of this old-format workbook (.xls) were not checked.", lang.X("rule.xls/cells-unchecked", "The cells of this old-format workbook (.xls) were not checked.")
	case "xlsx/template-no-sheet":
		return "The sheet the import template expects is not in the workbook.", lang.X("rule.xlsx/template-no-sheet", "The sheet the import template expects is not in the workbook.")
	case "xlsx/template-missing-column":
		return "A column the import template needs is missing.", lang.X("rule.xlsx/template-missing-column", "A column the import template needs is missing.")
	case "xlsx/template-extra-column":
		return "The sheet has a column the import template does not know.", lang.X("rule.xlsx/template-extra-column", "The sheet has a column the import template does not know.")
	case "xlsx/template-column-order":
		return "The columns are not in the order the import template expects.", lang.X("rule.xlsx/template-column-order", "The columns are not in the order the import template expects.")
	case "xlsx/template-bad-cell":
		return "A cell does not hold what the import template expects.", lang.X("rule.xlsx/template-bad-cell", "A cell does not hold what the import template expects.")
	case "xlsx/template-required":
		return "A cell the import template requires is empty.", lang.X("rule.xlsx/template-required", "A cell the import template requires is empty.")
	case "xlsx/template-summary":
		return "The import template's check, summed up.", lang.X("rule.xlsx/template-summary", "The import template's check, summed up.")
	case "xlsx/template-unchecked":
		return "The workbook could not be checked against its import template.", lang.X("rule.xlsx/template-unchecked", "The workbook could not be checked against its import template.")
	}
	return "", ""
}

// Package excel checks Excel workbooks before they are sent: OOXML (.xlsx,
// .xlsm) with excelize, read row by row, and legacy .xls (BIFF in an OLE2
// compound file: the structure here, the cells by the biff subpackage, then
// the same row checks as an .xlsx; rules named xlsx/ apply to both). With an import template it also checks the header row and
// the type of every cell, since agency-management imports are fixed formats
// whose columns are all required, in a fixed order.
//
// Rule ids (stable, used in JSON and tests):
//
//	xlsx/corrupt             error    not a readable workbook (damaged ZIP, unreadable part)
//	xlsx/missing-part        error    a required part ([Content_Types].xml, xl/workbook.xml) is missing
//	xlsx/too-large           error    beyond a budget of one check: parts, unpacked size, bytes in memory, compression ratio (zip bomb guard)
//	xlsx/encrypted           error    password-protected workbook (an OLE2 file with EncryptedPackage)
//	xlsx/no-data             error    no sheet holds any data
//	xlsx/macros              warning  the workbook holds macros (vbaProject.bin)
//	xlsx/formula-error       warning  a cell shows #REF!, #VALUE!, #DIV/0!, #N/A, #NAME?, #NULL! or #NUM!
//	xlsx/external-links      warning  formulas refer to other workbooks (xl/externalLinks/)
//	xlsx/hidden-sheet        info     a sheet is hidden
//	xlsx/template-missing-column, xlsx/template-extra-column, xlsx/template-column-order,
//	xlsx/template-bad-cell, xlsx/template-no-sheet   error    against an import template
//	xlsx/template-unchecked  error    a template was asked for but could not be applied (cells not readable)
//	xlsx/template-required   error    the profile requires a template for Excel files but names none
//	xlsx/template-summary    info     "22 columns as Nexsure expects; 148 policy rows"
//	xls/corrupt              error    not a readable compound file or Workbook stream
//	xls/encrypted            error    FILEPASS: password-protected legacy workbook
//	xls/hidden-sheet         info     a sheet is hidden
//	xls/cells-unchecked      warning  an Excel 5.0/95 workbook: its cells are not read (with a template: xlsx/template-unchecked)
//
// A repeated rule is listed a few times; the rest are counted (report.Omitted).
//
// Memory is bounded twice: each check refuses, before opening it, a workbook
// whose ZIP directory exceeds a budget (see measure), and all checks of the
// process together hold at most DefaultProcessMemory of unpacked parts in
// memory, each waiting for its share.
package excel

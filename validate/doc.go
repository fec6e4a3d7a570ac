// Package validate decides what kind of file it is given (by content, never by
// extension) and checks that it is well formed before Exchange sends it: ACORD
// AL3 downloads, Excel workbooks (xlsx/xlsm) and legacy Excel (xls).
//
// It is pure Go with no UI and no network. Every problem becomes a Finding with a
// stable rule id, a severity, where it is (byte offset and line for AL3, sheet and
// cell for Excel) and one sentence a clerk understands.
package validate

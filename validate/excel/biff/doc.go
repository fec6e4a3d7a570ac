// Package biff reads the cells of a legacy Excel workbook: the BIFF8 records
// of the Workbook stream of an .xls (Excel 97 to 2003), as written by Excel,
// LibreOffice, Gnumeric and xlwt. It gives each worksheet's rows in order as
// the text a template check needs: shared strings (SST with its CONTINUE
// records), LABEL and LABELSST, NUMBER, RK and MULRK, formulas by their cached
// results (numbers, STRING records, booleans, errors), BOOLERR, and numbers
// whose format is a date as 2006-01-02.
//
// The older BIFF5/7 format (Excel 5.0/95) is not read: Read returns ErrBIFF5.
//
// Hostile input gets a bounded answer: the work is linear in the stream's
// length, and the strings and pending cells held at once are counted against
// Limits.MaxHeld (ErrTooLarge past it). A damaged stream is a *FormatError
// with a sentence saying what is wrong.
//
// The compound file around the stream is read by the caller (mscfb).
package biff

package validate

import (
	"errors"
	"io"
)

// ExcelOptions is what the Excel checks need.
type ExcelOptions struct{}

// checkExcel fills rep for an xlsx/xlsm or xls file.
func checkExcel(rep *Report, r io.ReaderAt, size int64, opts Options) error {
	return errors.New("the Excel checker is not wired in yet")
}

package ui

import (
	"path/filepath"
	"time"

	"exchange/uploader"
	"exchange/validate/report"
)

// storedRow is how the queue's model keeps a file: the list shows 10,000 of
// them, so it keeps only what it cannot work out again. The name is the end
// of the path and the kind is the report's; what only a file that failed,
// waits to retry or has a note needs sits behind a pointer, nil for the
// others. 144 bytes a file instead of the 224 of a row (bench/gui-memory.sh
// profiled the model at 3.7 MB of the window's 37 MB live heap with 10,000
// files, the slice of rows 2.7 MB of it).
type storedRow struct {
	ID         uploader.ItemID
	Path       string
	Profile    string
	RemotePath string
	State      uploader.EventKind
	Report     *report.Report
	Size       int64
	Bytes      int64
	Total      int64
	ETA        time.Duration
	Seq        uint64
	Rate       float32
	more       *rowTrouble
}

// rowTrouble is what few rows have: an error and its hint, a retry's delay,
// a note from the service.
type rowTrouble struct {
	Note, Err, Hint string
	RetryIn         time.Duration
}

// trouble is the row's rowTrouble, made on first use.
func (s *storedRow) trouble() *rowTrouble {
	if s.more == nil {
		s.more = &rowTrouble{}
	}
	return s.more
}

// setTrouble sets the error and hint, and the delay before a retry; all
// empty drops the rowTrouble unless it holds a note.
func (s *storedRow) setTrouble(err, hint string, retryIn time.Duration) {
	if s.more == nil && err == "" && hint == "" && retryIn == 0 {
		return
	}
	t := s.trouble()
	t.Err, t.Hint, t.RetryIn = err, hint, retryIn
	if *t == (rowTrouble{}) {
		s.more = nil
	}
}

// row is what the list shows of s.
func (s *storedRow) row() row {
	r := row{ID: s.ID, Path: s.Path, Name: filepath.Base(s.Path), Profile: s.Profile, Size: s.Size,
		State: s.State, Report: s.Report, Bytes: s.Bytes, Total: s.Total, Rate: float64(s.Rate), ETA: s.ETA,
		RemotePath: s.RemotePath, Seq: s.Seq}
	if s.Report != nil {
		r.Kind = s.Report.Kind
	}
	if s.more != nil {
		r.Note, r.Err, r.Hint, r.RetryIn = s.more.Note, s.more.Err, s.more.Hint, s.more.RetryIn
	}
	return r
}

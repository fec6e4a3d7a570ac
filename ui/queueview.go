package ui

import (
	"path/filepath"
	"slices"
	"strings"

	"exchange/uploader"
)

// queueFilter chooses which rows the queue shows.
type queueFilter string

const (
	filterAll     queueFilter = "All files"
	filterActive  queueFilter = "In progress"
	filterFailed  queueFilter = "Failed"
	filterInvalid queueFilter = "Invalid"
	filterSent    queueFilter = "Sent"
)

// queueFilters are the filters in the order the selector offers them.
var queueFilters = []queueFilter{filterAll, filterActive, filterFailed, filterInvalid, filterSent}

// keeps reports whether the filter shows r.
func (f queueFilter) keeps(r row) bool {
	switch f {
	case filterActive:
		return !r.Finished()
	case filterFailed:
		return r.State == uploader.EventFailed || r.State == uploader.EventCanceled
	case filterInvalid:
		return r.State == uploader.EventInvalid
	case filterSent:
		return r.State == uploader.EventDone
	}
	return true
}

// sortKey is the column the queue is sorted by.
type sortKey int

const (
	sortAdded sortKey = iota // the order files were added
	sortName
	sortStatus
)

// queueOrder is the filter and the sort of the table.
type queueOrder struct {
	filter queueFilter
	key    sortKey
	desc   bool
}

// statusRank orders states for sorting: what needs the clerk first, then
// what is moving, then what is done.
func statusRank(k uploader.EventKind) int {
	switch k {
	case uploader.EventFailed:
		return 0
	case uploader.EventInvalid:
		return 1
	case uploader.EventRetrying:
		return 2
	case uploader.EventConnecting, uploader.EventUploading, uploader.EventVerifying:
		return 3
	case uploader.EventValidating:
		return 4
	case uploader.EventWaiting, uploader.EventQueued:
		return 5
	case uploader.EventCanceled:
		return 6
	case uploader.EventSkipped:
		return 7
	case uploader.EventDone:
		return 8
	}
	return 9
}

// view lists the ids of the rows o shows, in its order. Sorting is stable:
// equal rows keep the order they were added in.
func (m *queueModel) view(o queueOrder) []uploader.ItemID {
	m.mu.Lock()
	kept := make([]int, 0, len(m.rows))
	for i := range m.rows {
		if o.filter.keeps(m.rows[i].row()) {
			kept = append(kept, i)
		}
	}
	var cmp func(a, b int) int
	switch o.key {
	case sortName:
		cmp = func(a, b int) int {
			return strings.Compare(strings.ToLower(filepath.Base(m.rows[a].Path)), strings.ToLower(filepath.Base(m.rows[b].Path)))
		}
	case sortStatus:
		cmp = func(a, b int) int { return statusRank(m.rows[a].State) - statusRank(m.rows[b].State) }
	}
	if cmp != nil {
		if o.desc {
			asc := cmp
			cmp = func(a, b int) int { return asc(b, a) }
		}
		slices.SortStableFunc(kept, cmp)
	} else if o.desc {
		slices.Reverse(kept)
	}
	ids := make([]uploader.ItemID, len(kept))
	for j, i := range kept {
		ids[j] = m.rows[i].ID
	}
	m.mu.Unlock()
	return ids
}

// get is the row of id.
func (m *queueModel) get(id uploader.ItemID) (row, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	i, ok := m.index[id]
	if !ok {
		return row{}, false
	}
	return m.rows[i].row(), true
}

// finishedIDs are the rows "Clear finished" takes away: the files sent or
// skipped. Failed, canceled and invalid files stay: they wait for the clerk
// (a retry, a new copy), and each of them can be removed on its own.
func (m *queueModel) finishedIDs() []uploader.ItemID {
	m.mu.Lock()
	defer m.mu.Unlock()
	var ids []uploader.ItemID
	for _, r := range m.rows {
		if r.State == uploader.EventDone || r.State == uploader.EventSkipped {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// newest is the last file added, or "" when the list is empty.
func (m *queueModel) newest() uploader.ItemID {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.rows) == 0 {
		return ""
	}
	return m.rows[len(m.rows)-1].ID
}

// indexOf is where id is in the order files were added.
func (m *queueModel) indexOf(id uploader.ItemID) (int, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	i, ok := m.index[id]
	return i, ok
}

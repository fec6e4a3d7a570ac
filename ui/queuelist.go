package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"exchange/uploader"
)

// queueList is the queue's table body: the rows the filter keeps, in the
// chosen order. A click on a row gives the list the keyboard focus, and then
// keys go to it rather than to the window: so the list handles its keys
// itself: arrows move the selection, Enter opens or closes the findings of
// the selected file, Delete removes it, Ctrl+A selects every row shown.
type queueList struct {
	widget.List
	model   *queueModel
	actions rowActions
	// cols are the columns' widths, the header's and every row's.
	cols *tableColumns

	order queueOrder
	// identity says the rows shown are the model's, in its order (all
	// files, in the order added): then ids is not built, which saves a
	// copy of 10,000 ids at every redraw of a large batch.
	identity bool
	// ids are the rows shown, in order, when not identity (UI goroutine
	// only, like all below).
	ids []uploader.ItemID
	// at is the index of each id in ids, built only while a row is expanded.
	at map[uploader.ItemID]int
	// cursor is the index of the selected row, -1 for none.
	cursor   int
	selected uploader.ItemID
	// all says every row shown is selected (Ctrl+A).
	all bool
	// expanded are the rows whose findings show in full.
	expanded map[uploader.ItemID]bool
	// tall are the indices given a height of their own.
	tall map[int]bool
	// newest is the last file added that the list has scrolled to.
	newest uploader.ItemID

	// onRemove removes files (after asking, for more than one).
	onRemove func(ids []uploader.ItemID)
	// prefs keep the columns' widths (nil: not kept).
	prefs fyne.Preferences

	// onChange tells the window the selection or the rows changed.
	onChange func()
}

func newQueueList(m *queueModel, a rowActions, onRemove func([]uploader.ItemID)) *queueList {
	l := &queueList{model: m, actions: a, onRemove: onRemove, cursor: -1, cols: newTableColumns(),
		order: queueOrder{filter: filterAll}, expanded: map[uploader.ItemID]bool{}, tall: map[int]bool{}}
	l.Length = l.count
	l.CreateItem = func() fyne.CanvasObject { return newRowView(l.cols) }
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		if r, ok := l.rowAt(i); ok {
			o.(*rowView).show(r, a, l.expanded[r.ID], l.all || r.ID == l.selected)
		}
	}
	l.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < l.count() {
			l.choose(i)
		}
		// The list's own selection is by index, which a new order would
		// move to another file: the row draws the selection itself.
		l.UnselectAll()
	}
	l.ExtendBaseWidget(l)
	l.reload()
	return l
}

// keepColumnsIn takes the columns' widths from prefs, and keeps them there
// after each change.
func (l *queueList) keepColumnsIn(prefs fyne.Preferences) {
	l.prefs = prefs
	l.cols.load(prefs.String(columnsKey))
	l.cols.gen++
}

// saveColumns keeps the columns' widths for the next start.
func (l *queueList) saveColumns() {
	if l.prefs != nil {
		l.prefs.SetString(columnsKey, l.cols.String())
	}
}

// count is how many rows are shown.
func (l *queueList) count() int {
	if l.identity {
		return l.model.Len()
	}
	return len(l.ids)
}

// rowAt is the row shown at index i.
func (l *queueList) rowAt(i int) (row, bool) {
	if l.identity {
		return l.model.At(i)
	}
	if i < 0 || i >= len(l.ids) {
		return row{}, false
	}
	return l.model.get(l.ids[i])
}

// choose selects the row at index i alone.
func (l *queueList) choose(i int) {
	r, ok := l.rowAt(i)
	if !ok {
		return
	}
	l.cursor, l.selected, l.all = i, r.ID, false
	l.List.Refresh()
	if l.onChange != nil {
		l.onChange()
	}
}

// selection are the files selected, in the order shown.
func (l *queueList) selection() []uploader.ItemID {
	switch {
	case l.all && l.identity:
		return l.model.view(l.order)
	case l.all:
		return append([]uploader.ItemID(nil), l.ids...)
	case l.selected != "":
		if _, ok := l.model.get(l.selected); ok {
			return []uploader.ItemID{l.selected}
		}
	}
	return nil
}

// selectAll selects every row shown.
func (l *queueList) selectAll() {
	l.all = l.count() > 0
	l.List.Refresh()
}

// setOrder shows the rows filter keeps, sorted by key.
func (l *queueList) setOrder(o queueOrder) {
	l.order = o
	l.all = false
	l.reload()
	l.ScrollToTop()
}

// toggle opens or closes the findings of id in its row.
func (l *queueList) toggle(id uploader.ItemID) {
	r, ok := l.model.get(id)
	if !ok || r.Report == nil {
		return
	}
	if l.expanded[id] {
		delete(l.expanded, id)
	} else {
		l.expanded[id] = true
	}
	l.reload()
	if i, ok := l.indexOf(id); ok {
		l.ScrollTo(i)
	}
}

// indexOf is where id is shown.
func (l *queueList) indexOf(id uploader.ItemID) (int, bool) {
	if l.identity {
		return l.model.indexOf(id)
	}
	if l.at != nil {
		i, ok := l.at[id]
		return i, ok
	}
	for i, x := range l.ids {
		if x == id {
			return i, true
		}
	}
	return 0, false
}

// reload takes the rows from the model again (UI goroutine), keeps the
// selection on the same file, gives expanded rows their height, and
// scrolls to a file just added.
func (l *queueList) reload() {
	l.identity = l.order == queueOrder{filter: filterAll}
	l.ids = nil
	if !l.identity {
		l.ids = l.model.view(l.order)
	}
	for id := range l.expanded {
		if _, ok := l.model.get(id); !ok {
			delete(l.expanded, id)
		}
	}
	l.at = nil
	if !l.identity && (len(l.expanded) > 0 || l.selected != "") {
		l.at = make(map[uploader.ItemID]int, len(l.ids))
		for i, id := range l.ids {
			l.at[id] = i
		}
	}
	l.cursor = -1
	if i, ok := l.indexOf(l.selected); ok && l.selected != "" {
		l.cursor = i
	} else {
		l.selected = ""
	}
	l.resizeRows()
	l.List.Refresh()
	if newest := l.model.newest(); newest != "" && newest != l.newest {
		l.newest = newest
		if i, ok := l.indexOf(newest); ok {
			l.ScrollTo(i)
		}
	}
}

// resizeRows gives each expanded row the height of its findings, and the
// rows expanded before (or shown at another index now) their usual height.
func (l *queueList) resizeRows() {
	if len(l.expanded) == 0 && len(l.tall) == 0 {
		return
	}
	base := newRowView(l.cols).MinSize().Height
	for i := range l.tall {
		if r, ok := l.rowAt(i); !ok || !l.expanded[r.ID] {
			l.SetItemHeight(i, base)
			delete(l.tall, i)
		}
	}
	for id := range l.expanded {
		i, ok := l.indexOf(id)
		r, found := l.model.get(id)
		if !ok || !found || r.Report == nil {
			continue
		}
		l.tall[i] = true
		l.SetItemHeight(i, base+l.findingsHeight(r))
	}
}

// findingsHeight is how tall the findings of r are in the list's width.
func (l *queueList) findingsHeight(r row) float32 {
	x, w := l.cols.spans(l.Size().Width)
	label := widget.NewLabel(findingsReport(r.Report))
	label.Wrapping = fyne.TextWrapWord
	label.Resize(fyne.NewSize(x[colProgress]+w[colProgress]-x[colName], 10))
	return label.MinSize().Height
}

// TypedKey: arrows move the selection, Enter opens the findings, Delete
// removes, Escape clears the selection.
func (l *queueList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDelete:
		if ids := l.selection(); len(ids) > 0 && l.onRemove != nil {
			l.onRemove(ids)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if l.selected != "" {
			l.toggle(l.selected)
		}
	case fyne.KeyEscape:
		l.selected, l.all, l.cursor = "", false, -1
		l.List.Refresh()
	case fyne.KeyDown, fyne.KeyUp:
		next := l.cursor + 1
		if ev.Name == fyne.KeyUp {
			next = l.cursor - 1
		}
		if l.cursor < 0 {
			next = 0
		}
		if next < 0 || next >= l.count() {
			return
		}
		l.List.TypedKey(ev)
		l.choose(next)
		l.ScrollTo(next)
	default:
		l.List.TypedKey(ev)
	}
}

// TypedShortcut selects every row shown on Ctrl+A.
func (l *queueList) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*fyne.ShortcutSelectAll); ok {
		l.selectAll()
	}
}

// removeQuestion is what the window asks before removing n files.
func removeQuestion(n int) string {
	return lang.N("Remove {{.Count}} files from the list? Files still being sent are canceled; History keeps the others.", n, counted(n))
}

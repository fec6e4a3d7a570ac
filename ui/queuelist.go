package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// queueList is the queue's list. A click on a row gives the list the
// keyboard focus, and then keys go to it rather than to the window: so the
// list handles Delete (remove the selected file) itself.
type queueList struct {
	widget.List
	onDelete func()
}

func newQueueList(m *queueModel, a rowActions, onDelete func()) *queueList {
	l := &queueList{onDelete: onDelete}
	l.Length = m.Len
	l.CreateItem = func() fyne.CanvasObject { return newRowView() }
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		if r, ok := m.At(i); ok {
			o.(*rowView).show(r, a)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey removes the selected file on Delete; other keys move the selection.
func (l *queueList) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyDelete && l.onDelete != nil {
		l.onDelete()
		return
	}
	l.List.TypedKey(ev)
}

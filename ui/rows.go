package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/units"
	"exchange/uploader"
	"exchange/validate/report"
)

// rowView is one row of the queue's table; rows are recycled by the list.
// Line 0 holds the columns, line 1 the detail (what went wrong and what to
// do, where the file went) under the name and the speed and time left under
// the bar; an expanded row shows the file's findings in full below.
type rowView struct {
	widget.BaseWidget
	background *canvas.Rectangle
	icon       *widget.Icon
	name       *widget.Label
	size       *widget.Label
	server     *widget.Label
	status     *widget.Label
	verdict    *widget.Button
	bar        *widget.ProgressBar
	speed      *widget.Label
	detail     *widget.Label
	cancel     *iconButton
	retry      *iconButton
	remove     *iconButton
	findings   *widget.Label
	copy       *widget.Button
	box        *fyne.Container
	columns    *fyne.Container
	cols       *tableColumns
	// colsGen is the generation of the column widths last laid out.
	colsGen int

	// barText is what the bar says: "87.4 MB of 210 MB".
	barText string
}

func newRowView(cols *tableColumns) *rowView {
	v := &rowView{
		background: canvas.NewRectangle(theme.Color(theme.ColorNameSelection)),
		icon:       widget.NewIcon(theme.FileIcon()),
		name:       widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		size:       widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{}),
		server:     widget.NewLabel(""),
		status:     widget.NewLabel(""),
		verdict:    widget.NewButton("", nil),
		bar:        widget.NewProgressBar(),
		speed:      widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{}),
		detail:     widget.NewLabel(""),
		cancel:     newIconButton(lang.L("Cancel this file"), theme.CancelIcon(), nil),
		retry:      newIconButton(lang.L("Try this file again"), theme.ViewRefreshIcon(), nil),
		remove:     newIconButton(lang.L("Remove from the list"), theme.DeleteIcon(), nil),
		findings:   widget.NewLabel(""),
		copy:       widget.NewButtonWithIcon(lang.L("Copy"), theme.ContentCopyIcon(), nil),
	}
	v.background.Hide()
	for _, l := range []*widget.Label{v.name, v.size, v.server, v.status, v.detail, v.speed} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	for _, l := range []*widget.Label{v.detail, v.speed} {
		l.SizeName = theme.SizeNameCaptionText
	}
	v.findings.Wrapping = fyne.TextWrapWord
	v.findings.Selectable = true
	v.findings.Hide()
	v.copy.Hide()
	v.verdict.Importance = widget.LowImportance
	v.verdict.Alignment = widget.ButtonAlignLeading
	v.bar.TextFormatter = func() string { return v.barText }
	for _, b := range []*widget.Button{&v.cancel.Button, &v.retry.Button, &v.remove.Button, v.copy} {
		b.Importance = widget.LowImportance
	}
	layout := &tableLayout{cols: cols, cells: []cell{
		{obj: v.icon, first: colIcon, last: colIcon, center: true},
		{obj: v.name, first: colName, last: colName},
		{obj: v.size, first: colSize, last: colSize},
		{obj: v.server, first: colServer, last: colServer},
		{obj: v.status, first: colStatus, last: colStatus},
		{obj: v.verdict, first: colVerdict, last: colVerdict},
		{obj: v.bar, first: colProgress, last: colProgress, center: true},
		{obj: container.New(slotsLayout{width: actionButtonWidth}, v.cancel, v.retry, v.remove), first: colActions, last: colActions},
		{obj: v.detail, first: colName, last: colVerdict, line: 1},
		{obj: v.speed, first: colProgress, last: colProgress, line: 1},
		{obj: v.findings, first: colName, last: colProgress, line: 2},
		{obj: container.NewVBox(v.copy), first: colActions, last: colActions, line: 2},
	}}
	v.cols, v.colsGen = cols, cols.gen
	v.columns = container.New(layout, layout.objects()...)
	v.box = container.NewStack(v.background, v.columns)
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer draws the row's layout.
func (v *rowView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(v.box) }

// kindIcon shows what the content turned out to be.
func kindIcon(k report.Kind) fyne.Resource {
	switch k {
	case report.KindAL3:
		return theme.FileTextIcon()
	case report.KindXLSX, report.KindXLS:
		return theme.GridIcon()
	case report.KindUnknown:
		return theme.QuestionIcon()
	}
	return theme.FileIcon()
}

// rowShowsBar says whether a file in state k has a progress bar: only one
// on its way to the server. An invalid, failed or finished file has none.
func rowShowsBar(k uploader.EventKind) bool {
	switch k {
	case uploader.EventWaiting, uploader.EventConnecting, uploader.EventUploading, uploader.EventVerifying, uploader.EventRetrying:
		return true
	}
	return false
}

// rowDetail is the row's second line. While the file is sent, the bytes,
// speed and time left are in the progress column, so the line says only
// what else there is to say.
func rowDetail(r row) string {
	switch r.State {
	case uploader.EventUploading, uploader.EventVerifying:
		return oneLine(r.Note)
	}
	return oneLine(r.DetailText())
}

// oneLine joins the lines of a text (an error made of several, errors.Join)
// with " · ": the row's line is one line high, and more would be drawn over
// the next row.
func oneLine(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r", "\n"), "\n", " · ")
}

// rowSpeed is the line under the bar: "16.3 MB/s · 8 s left".
func rowSpeed(r row) string {
	if r.State != uploader.EventUploading && r.State != uploader.EventVerifying {
		return ""
	}
	s := units.Rate(r.Rate)
	if e := timeLeft(r.ETA); e != "" {
		if s != "" {
			s += " · "
		}
		s += e
	}
	return s
}

// rowBarText is the text in the bar: the bytes sent of the file's size.
func rowBarText(r row) string {
	switch {
	case r.Total > 0 && r.State != uploader.EventWaiting && r.State != uploader.EventConnecting:
		return fmt.Sprintf(lang.L("%s of %s"), units.Bytes(r.Bytes), units.Bytes(r.Total))
	case r.State == uploader.EventConnecting:
		return lang.L("Connecting…")
	case r.State == uploader.EventRetrying:
		return lang.L("Waiting to retry")
	}
	return lang.L("Waiting")
}

// statusImportance colours the state: red for what failed, green for what
// arrived, amber for what waits on something.
func statusImportance(k uploader.EventKind) widget.Importance {
	switch k {
	case uploader.EventFailed, uploader.EventInvalid:
		return widget.DangerImportance
	case uploader.EventDone:
		return widget.SuccessImportance
	case uploader.EventRetrying, uploader.EventSkipped, uploader.EventCanceled:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// show binds the row to r; the actions call back with r's id. expanded
// shows the findings in full, selected highlights the row.
func (v *rowView) show(r row, a rowActions, expanded, selected bool) {
	if v.colsGen != v.cols.gen {
		v.colsGen = v.cols.gen
		v.columns.Refresh() // lays the cells out in the new widths
	}
	v.icon.SetResource(kindIcon(r.Kind))
	v.name.SetText(r.Name)
	v.size.SetText(units.Bytes(r.Size))
	v.server.SetText(r.Profile)
	v.status.SetText(r.StatusText())
	if imp := statusImportance(r.State); v.status.Importance != imp {
		v.status.Importance = imp
		v.status.Refresh()
	}
	v.verdict.SetText(r.VerdictText())
	if r.Report == nil {
		v.verdict.Hide()
	} else {
		v.verdict.SetIcon(verdictIcon(r.Report))
		v.verdict.Show()
	}
	id := r.ID
	v.verdict.OnTapped = func() { a.details(id) }
	v.barText = rowBarText(r)
	v.bar.SetValue(r.Progress())
	showIf(v.bar, rowShowsBar(r.State))
	v.speed.SetText(rowSpeed(r))
	v.detail.SetText(rowDetail(r))
	v.cancel.OnTapped = func() { a.cancel(id) }
	v.retry.OnTapped = func() { a.retry(id) }
	v.remove.OnTapped = func() { a.remove(id) }
	showIf(v.cancel, !r.Finished())
	showIf(v.retry, r.State == uploader.EventFailed || r.State == uploader.EventCanceled)
	showIf(v.background, selected)
	if expanded && r.Report != nil {
		text := findingsReport(r.Report)
		v.findings.SetText(text)
		v.copy.OnTapped = func() { a.copy(text) }
		v.findings.Show()
		v.copy.Show()
	} else {
		v.findings.Hide()
		v.copy.Hide()
	}
}

func verdictIcon(rep *report.Report) fyne.Resource {
	switch {
	case len(rep.Errors()) > 0:
		return theme.ErrorIcon()
	case len(rep.Warnings()) > 0:
		return theme.WarningIcon()
	}
	return theme.ConfirmIcon()
}

func showIf(o fyne.CanvasObject, visible bool) {
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
}

// rowActions are what a row's buttons do.
type rowActions struct {
	details func(uploader.ItemID)
	cancel  func(uploader.ItemID)
	retry   func(uploader.ItemID)
	remove  func(uploader.ItemID)
	copy    func(text string)
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/units"
	"exchange/uploader"
	"exchange/validate/report"
)

// rowView holds the widgets of one list row; rows are recycled by widget.List.
type rowView struct {
	widget.BaseWidget
	icon    *widget.Icon
	name    *widget.Label
	size    *widget.Label
	status  *widget.Label
	verdict *widget.Button
	bar     *widget.ProgressBar
	detail  *widget.Label
	cancel  *widget.Button
	retry   *widget.Button
	remove  *widget.Button
	box     *fyne.Container
}

func newRowView() *rowView {
	v := &rowView{
		icon:    widget.NewIcon(theme.FileIcon()),
		name:    widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		size:    widget.NewLabel(""),
		status:  widget.NewLabel(""),
		verdict: widget.NewButton("", nil),
		bar:     widget.NewProgressBar(),
		detail:  widget.NewLabel(""),
		cancel:  widget.NewButtonWithIcon("", theme.CancelIcon(), nil),
		retry:   widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), nil),
		remove:  widget.NewButtonWithIcon("", theme.DeleteIcon(), nil),
	}
	v.name.Truncation = fyne.TextTruncateEllipsis
	v.detail.Truncation = fyne.TextTruncateEllipsis
	v.verdict.Importance = widget.LowImportance
	for _, b := range []*widget.Button{v.cancel, v.retry, v.remove} {
		b.Importance = widget.LowImportance
	}
	top := container.NewBorder(nil, nil, nil, container.NewHBox(v.size, v.status, v.verdict), v.name)
	barBox := container.NewGridWrap(fyne.NewSize(220, v.bar.MinSize().Height), v.bar)
	bottom := container.NewBorder(nil, nil, barBox, nil, v.detail)
	actions := container.NewHBox(v.cancel, v.retry, v.remove)
	v.box = container.NewBorder(nil, nil, container.NewCenter(v.icon), actions, container.NewVBox(top, bottom))
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

// show binds the row to r; the actions call back with r's id.
func (v *rowView) show(r row, a rowActions) {
	v.icon.SetResource(kindIcon(r.Kind))
	v.name.SetText(r.Name)
	v.size.SetText(units.Bytes(r.Size))
	v.status.SetText(r.StatusText())
	switch r.State {
	case uploader.EventFailed, uploader.EventInvalid:
		v.status.Importance = widget.DangerImportance
	case uploader.EventDone:
		v.status.Importance = widget.SuccessImportance
	case uploader.EventRetrying, uploader.EventSkipped:
		v.status.Importance = widget.WarningImportance
	default:
		v.status.Importance = widget.MediumImportance
	}
	v.status.Refresh()
	v.verdict.SetText(r.VerdictText())
	switch {
	case r.Report == nil:
		v.verdict.Hide()
	default:
		v.verdict.Show()
		v.verdict.SetIcon(verdictIcon(r.Report))
	}
	v.verdict.OnTapped = func() { a.details(r.ID) }
	v.bar.SetValue(r.Progress())
	showIf(v.bar, r.State != uploader.EventInvalid)
	v.detail.SetText(r.DetailText())
	id := r.ID
	v.cancel.OnTapped = func() { a.cancel(id) }
	v.retry.OnTapped = func() { a.retry(id) }
	v.remove.OnTapped = func() { a.remove(id) }
	showIf(v.cancel, !r.Finished())
	showIf(v.retry, r.State == uploader.EventFailed || r.State == uploader.EventCanceled)
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
}

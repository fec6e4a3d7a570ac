package ui

import (
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"exchange/uploader"
)

// exportButton is the History tab's "Export…": the entries of a range of
// days as CSV, for the office's records.
func (h *historyView) exportButton() fyne.CanvasObject {
	return widget.NewButton(lang.L("Export…"), h.askExportRange)
}

// askExportRange asks for the days (this month so far by default).
func (h *historyView) askExportRange() {
	now := time.Now()
	from, until := widget.NewEntry(), widget.NewEntry()
	from.SetText(now.Format("2006-01") + "-01")
	until.SetText(now.Format("2006-01-02"))
	items := []*widget.FormItem{widget.NewFormItem(lang.L("From"), from), widget.NewFormItem(lang.L("Until (included)"), until)}
	dialog.ShowForm(lang.L("Export the history as CSV"), lang.L("Export…"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		r, err := uploader.ParseHistoryRange(from.Text, until.Text)
		if err != nil {
			dialog.ShowError(err, h.w.win)
			return
		}
		name := fmt.Sprintf("exchange-history-%s-to-%s.csv", from.Text, until.Text)
		h.saveFile(name, func(out io.Writer) error {
			entries, err := h.w.deps.History(uploader.HistoryQuery{})
			if err != nil {
				return err
			}
			return uploader.WriteHistoryCSV(out, entries, r)
		})
	}, h.w.win)
}

// saveFile asks where to save (Deps.SaveFile, else Fyne's dialog) and writes.
func (h *historyView) saveFile(name string, write func(io.Writer) error) {
	done := func(out io.WriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, h.w.win)
			return
		}
		if out == nil {
			return // canceled
		}
		err = write(out)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(fmt.Errorf(lang.L("the history could not be exported: %w"), err), h.w.win)
		}
	}
	if h.w.deps.SaveFile != nil {
		h.w.deps.SaveFile(name, done)
		return
	}
	d := dialog.NewFileSave(func(uc fyne.URIWriteCloser, err error) {
		if uc == nil {
			done(nil, err)
			return
		}
		done(uc, err)
	}, h.w.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}

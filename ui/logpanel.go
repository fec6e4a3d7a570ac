package ui

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Connection gives the next connection a number and returns its log: each
// of its lines reads "15:04:05 #3 USER clerk", so that two connections at
// once can be told apart, and the Log tab can show one alone.
func (b *LogBuffer) Connection() func(string) {
	b.mu.Lock()
	b.conns++
	tag := "#" + strconv.Itoa(b.conns) + " "
	b.mu.Unlock()
	return func(line string) { b.add(tag, line) }
}

// connections is how many connections have a number.
func (b *LogBuffer) connections() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.conns
}

// lineConnection is the connection number of a log line, 0 for none.
func lineConnection(line string) int {
	_, rest, _ := strings.Cut(line, " ")
	tag, _, ok := strings.Cut(rest, " ")
	if !ok || !strings.HasPrefix(tag, "#") {
		return 0
	}
	n, err := strconv.Atoi(tag[1:])
	if err != nil {
		return 0
	}
	return n
}

// allConnections is the filter that shows every line.
func allConnections() string { return lang.L("All connections") }

// connectionLabel is the filter that shows connection n's lines.
func connectionLabel(n int) string { return fmt.Sprintf(lang.L("Connection %d"), n) }

// logPanel is the Log tab: the lines in a dense monospaced list, newest at
// the bottom, a filter by connection, Copy and Save.
type logPanel struct {
	buf     *LogBuffer
	app     fyne.App
	win     fyne.Window
	list    *widget.List
	filter  *widget.Select
	content fyne.CanvasObject

	// shown are the indices in buf of the lines the filter keeps, nil for
	// all (UI goroutine only).
	shown []int
	conn  int
}

func newLogPanel(b *LogBuffer, a fyne.App, win fyne.Window) *logPanel {
	p := &logPanel{buf: b, app: a, win: win}
	p.list = widget.NewList(p.length,
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.TextStyle = fyne.TextStyle{Monospace: true}
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.line(i)) })
	p.list.HideSeparators = true
	p.filter = widget.NewSelect([]string{allConnections()}, func(s string) {
		p.conn = 0
		for n := 1; n <= p.buf.connections(); n++ {
			if s == connectionLabel(n) {
				p.conn = n
			}
		}
		p.reload()
	})
	p.filter.Selected = allConnections()
	copyAll := widget.NewButtonWithIcon(lang.L("Copy log"), theme.ContentCopyIcon(), func() { a.Clipboard().SetContent(p.text()) })
	save := widget.NewButtonWithIcon(lang.L("Save to file…"), theme.DocumentSaveIcon(), p.askWhereToSave)
	note := widget.NewLabel(lang.L("The FTP conversation of every connection (#1, #2…). Passwords are shown as ****."))
	note.Truncation = fyne.TextTruncateEllipsis
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(fixedWidth(190, p.filter), copyAll, save), note)
	p.content = container.NewBorder(bar, nil, nil, nil, container.NewThemeOverride(p.list, denseTheme{theme.Current()}))
	p.follow()
	return p
}

// offerConnections lists the connections seen so far in the filter.
func (p *logPanel) offerConnections() {
	if len(p.filter.Options) == p.buf.connections()+1 {
		return
	}
	opts := []string{allConnections()}
	for n := 1; n <= p.buf.connections(); n++ {
		opts = append(opts, connectionLabel(n))
	}
	p.filter.SetOptions(opts)
}

func (p *logPanel) length() int {
	if p.shown != nil {
		return len(p.shown)
	}
	return p.buf.Len()
}

func (p *logPanel) line(i int) string {
	if p.shown != nil {
		if i < 0 || i >= len(p.shown) {
			return ""
		}
		i = p.shown[i]
	}
	return p.buf.Line(i)
}

// reload applies the filter to the lines there are now (UI goroutine).
func (p *logPanel) reload() {
	p.offerConnections()
	p.shown = nil
	if p.conn > 0 {
		p.shown = []int{}
		for i := range p.buf.Len() {
			if lineConnection(p.buf.Line(i)) == p.conn {
				p.shown = append(p.shown, i)
			}
		}
	}
	p.list.Refresh()
	p.list.ScrollToBottom()
}

// text is the lines shown, for Copy and Save.
func (p *logPanel) text() string {
	if p.shown == nil {
		return p.buf.Text()
	}
	lines := make([]string, len(p.shown))
	for j, i := range p.shown {
		lines[j] = p.buf.Line(i)
	}
	return strings.Join(lines, "\n")
}

// save writes the lines shown to w.
func (p *logPanel) save(w io.WriteCloser) error {
	_, err := io.WriteString(w, p.text()+"\n")
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

func (p *logPanel) askWhereToSave() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		if err := p.save(w); err != nil {
			dialog.ShowError(fmt.Errorf(lang.L("the log could not be saved: %w"), err), p.win)
		}
	}, p.win)
	d.SetFileName("exchange-log-" + time.Now().Format("2006-01-02-1504") + ".txt")
	d.Show()
}

// follow redraws the view as lines come, at most 5 times a second.
func (p *logPanel) follow() {
	pending := false
	var mu sync.Mutex
	p.buf.mu.Lock()
	p.buf.onChange = func() {
		mu.Lock()
		if pending {
			mu.Unlock()
			return
		}
		pending = true
		mu.Unlock()
		go func() {
			time.Sleep(200 * time.Millisecond)
			mu.Lock()
			pending = false
			mu.Unlock()
			onUI(p.reload)
		}()
	}
	p.buf.mu.Unlock()
}

// denseTheme packs the log's lines: the padding of a label, made for a
// form, gave each line of the log 36 px.
type denseTheme struct{ fyne.Theme }

// Size is the base theme's, with almost no padding.
func (d denseTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameInnerPadding, theme.SizeNamePadding:
		return 1
	}
	return d.Theme.Size(n)
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"exchange/profile"
	"exchange/validate/excel"
)

// knownTemplates are the Excel import templates a profile can name: the
// built-in ones and those in the administrator's machine-wide folder (a file
// there that cannot be used is left out; `exchange validate --list-templates`
// says why).
func knownTemplates() []*excel.Template {
	var out []*excel.Template
	for _, e := range (excel.Catalog{Dirs: []string{profile.MachineTemplatesDir()}}).List() {
		if e.Template != nil {
			out = append(out, e.Template)
		}
	}
	return out
}

// templateChooser is the Excel template field of Settings: the name may be
// typed (or a template file's path), or picked from a menu of the known
// templates, read again each time the menu opens.
func (s *settingsView) templateChooser() fyne.CanvasObject {
	var pick *widget.Button
	pick = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() {
		items := []*fyne.MenuItem{fyne.NewMenuItem("(none)", func() { s.template.SetText("") })}
		for _, t := range knownTemplates() {
			name := t.Name
			items = append(items, fyne.NewMenuItem(name, func() { s.template.SetText(name) }))
		}
		c := fyne.CurrentApp().Driver().CanvasForObject(pick)
		if c == nil {
			return
		}
		widget.NewPopUpMenu(fyne.NewMenu("", items...), c).ShowAtRelativePosition(fyne.NewPos(0, pick.Size().Height), pick)
	})
	return container.NewBorder(nil, nil, nil, pick, s.template)
}

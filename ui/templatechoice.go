package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// knownTemplates are the names of the Excel import templates a profile can
// name (Deps.TemplateNames: the built-in ones and those in the
// administrator's machine-wide folder).
func (s *settingsView) knownTemplates() []string {
	if s.w.deps.TemplateNames == nil {
		return nil
	}
	return s.w.deps.TemplateNames()
}

// templateChooser is the Excel template field of Settings: the name may be
// typed (or a template file's path), or picked from a menu of the known
// templates, read again each time the menu opens.
func (s *settingsView) templateChooser() fyne.CanvasObject {
	var pick *widget.Button
	pick = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() {
		items := []*fyne.MenuItem{fyne.NewMenuItem("(none)", func() { s.template.SetText("") })}
		for _, name := range s.knownTemplates() {
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

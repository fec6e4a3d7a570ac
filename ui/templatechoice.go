package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// templateChooser is the Excel template field of Settings: the name may be
// typed (or a template file's path), or picked from a menu of the known
// templates, read again each time the menu opens.
func (s *settingsView) templateChooser() fyne.CanvasObject {
	var pick *iconButton
	pick = newIconButton(lang.L("Known templates"), theme.MenuDropDownIcon(), func() {
		items := []*fyne.MenuItem{fyne.NewMenuItem(lang.L("(none)"), func() { s.template.SetText("") })}
		var known []string
		if s.w.deps.TemplateNames != nil {
			known = s.w.deps.TemplateNames()
		}
		for _, name := range known {
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

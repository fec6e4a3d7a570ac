package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// languageChoices are Settings' languages: the system's, or one chosen
// whatever the system says. A language's own name is the same in every
// language, so a clerk who cannot read the current one still finds theirs.
func languageChoices() []choice {
	return []choice{
		{languageSystem, lang.L("System")},
		{languageEnglish, "English"},
		{languageSpanish, "Español"},
	}
}

// languageChooser is Settings' Language row. A new choice is kept in the
// app's preferences and used from the next start (ApplyLanguage): the
// window is built once, in one language.
func (s *settingsView) languageChooser() fyne.CanvasObject {
	prefs := s.w.app.Preferences()
	sel := newChoiceSelect(languageChoices())
	sel.setValue(prefs.String(languagePrefKey))
	sel.OnChanged = func(string) {
		code := sel.value()
		if code == prefs.String(languagePrefKey) {
			return
		}
		prefs.SetString(languagePrefKey, code)
		s.note.SetText(lang.L("Exchange shows the language you chose the next time it starts."))
	}
	s.language = sel
	// The label above the selector: beside it, the list of servers would
	// widen Settings beyond the default window.
	return container.NewVBox(widget.NewLabel(lang.L("Language:")), sel.Select)
}

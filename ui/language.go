package ui

import (
	"embed"
	"encoding/json"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// The window's words in English and Spanish (translations/en.json,
// translations/es.json), read by Fyne's lang package: every string a clerk
// sees goes through lang.L (or lang.N for a count, lang.X for a short word
// that needs a context), keyed by its English text.
//
//go:embed translations
var translations embed.FS

// Languages the clerk may choose under Settings: "" follows the system's
// language (Fyne reads LANG/LANGUAGE on Linux, the user's language on
// Windows and macOS); "en" and "es" choose one whatever the system says.
const (
	languageSystem  = ""
	languageEnglish = "en"
	languageSpanish = "es"
)

// languagePrefKey keeps the clerk's choice of language.
const languagePrefKey = "language"

var languageMu sync.Mutex

func init() {
	if err := lang.AddTranslationsFS(translations, "translations"); err != nil {
		fyne.LogError("Exchange: could not load its translations", err)
	}
}

// ApplyLanguage shows the window's words in the language chosen in the
// app's preferences (Settings → Language); call it before the window is
// built. NewWindow calls it.
func ApplyLanguage(a fyne.App) {
	useLanguage(a.Preferences().String(languagePrefKey))
}

// useLanguage makes code ("", "en" or "es") the language lang.L answers in.
//
// Fyne 2.8.1 has no call that chooses a language: it always matches the
// system's locales against the languages it has. So to choose one, the
// chosen language's words are registered under the system's own locale,
// which Fyne then matches exactly; "System" registers under it again the
// words of the language the system would have had.
func useLanguage(code string) {
	languageMu.Lock()
	defer languageMu.Unlock()
	system := lang.SystemLocale()
	if code != languageEnglish && code != languageSpanish {
		code = naturalLanguage(system)
	}
	data, err := translations.ReadFile("translations/" + code + ".json")
	if err == nil {
		err = lang.AddTranslationsForLocale(data, system)
	}
	if err != nil {
		fyne.LogError("Exchange: could not choose the language "+code, err)
	}
}

// naturalLanguage is the language of ours the system's locale would get:
// Spanish for any Spanish locale, English otherwise.
func naturalLanguage(system fyne.Locale) string {
	base, _, _ := strings.Cut(string(system), "-")
	if strings.EqualFold(base, languageSpanish) {
		return languageSpanish
	}
	return languageEnglish
}

// translationKeys are the keys of one translation file (for its tests).
func translationKeys(file string) (map[string]any, error) {
	data, err := translations.ReadFile("translations/" + file)
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	return m, json.Unmarshal(data, &m)
}

// counted is the template data of a count, for lang.N: "{{.Count}} files".
func counted(n int) map[string]any { return map[string]any{"Count": n} }

// setByAdministrator says a setting is the administrator's, in the clerk's
// language (profile.SetByAdministrator says it in English).
func setByAdministrator() string { return lang.L("set by your administrator") }

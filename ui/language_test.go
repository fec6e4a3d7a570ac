package ui

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"exchange/internal/uitest"
	"exchange/uploader"
	"exchange/validate"
	"exchange/validate/report"
)

// inLanguage makes the window's words code's ("" the system's) for the
// rest of the test, and the system's again after it.
func inLanguage(t *testing.T, code string) {
	t.Helper()
	onUIWait(func() { useLanguage(code) })
	t.Cleanup(func() { onUIWait(func() { useLanguage(languageSystem) }) })
}

// systemLocale makes the system's language locale (on Linux, where Fyne
// reads it from the environment) for the rest of the test.
func systemLocale(t *testing.T, locale string) {
	t.Helper()
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(v, "")
	}
	t.Setenv("LANG", locale)
}

// shownTexts are the words a clerk reads under o: labels, buttons, checks,
// selectors, radio choices, placeholders and tabs.
func shownTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, x := range uitest.VisibleObjects(o) {
		switch w := x.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Check:
			out = append(out, w.Text)
		case *widget.Select:
			out = append(out, w.Selected, w.PlaceHolder)
		case *widget.RadioGroup:
			out = append(out, w.Options...)
		case *widget.Entry:
			out = append(out, w.PlaceHolder)
		case *widget.Form:
			for _, it := range w.Items {
				out = append(out, it.Text, it.HintText)
			}
		case *container.AppTabs:
			for _, it := range w.Items {
				out = append(out, it.Text)
			}
		}
	}
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}

// leftInEnglish are the texts among shown that are English words of
// en.json whose Spanish is different: words the window forgot to
// translate.
func leftInEnglish(t *testing.T, shown []string) []string {
	t.Helper()
	en, err := translationKeys("en.json")
	if err != nil {
		t.Fatal(err)
	}
	es, err := translationKeys("es.json")
	if err != nil {
		t.Fatal(err)
	}
	spanish := map[string]bool{}
	for _, v := range es {
		for _, s := range translationTexts(v) {
			spanish[s] = true
		}
	}
	english := map[string]bool{}
	for _, v := range en {
		for _, s := range translationTexts(v) {
			if !spanish[s] && !strings.Contains(s, "%") && !strings.Contains(s, "{{") {
				english[s] = true
			}
		}
	}
	var left []string
	for _, s := range shown {
		if english[s] {
			left = append(left, s)
		}
	}
	return left
}

// TestTheWindowSpeaksSpanish: with Spanish chosen, the tabs, the toolbar,
// the empty state, Settings and a sent file's row and overall line read in
// Spanish, and no word of the window is left in English.
func TestTheWindowSpeaksSpanish(t *testing.T) {
	inLanguage(t, languageSpanish)
	h := newHarness(t)
	onUIWait(func() {
		tabs := uitest.FindAll[*container.AppTabs](h.win.win.Content(), nil)[0]
		var names []string
		for _, it := range tabs.Items {
			names = append(names, it.Text)
		}
		if want := []string{"Cola", "Historial", "Registro", "Configuración"}; !slices.Equal(names, want) {
			t.Errorf("tabs = %q, want %q", names, want)
		}
		for _, want := range []string{"Agregar archivos…", "Enviar", "Pausar", "Cancelar todo"} {
			if buttonLabelled(h.win.win.Content(), want) == nil {
				t.Errorf("no %q button in the toolbar", want)
			}
		}
		text := uitest.TextOf(h.win.empty.content)
		for _, want := range []string{"Suelte aquí los archivos para enviarlos", "libros de Excel", "nunca se envía", h.inbox} {
			if !strings.Contains(text, want) {
				t.Errorf("the empty state does not say %q:\n%s", want, text)
			}
		}
		if h.win.overallLabel.Text != "Todavía no hay archivos" {
			t.Errorf("the overall line says %q", h.win.overallLabel.Text)
		}
		if left := leftInEnglish(t, shownTexts(h.win.win.Content())); len(left) > 0 {
			t.Errorf("the queue tab shows English: %q", left)
		}
		tabs.SelectIndex(3)
		if left := leftInEnglish(t, shownTexts(h.win.win.Content())); len(left) > 0 {
			t.Errorf("Settings shows English: %q", left)
		}
		tabs.SelectIndex(0)
	})
	h.win.AddPaths([]string{writeFile(t, "policy.al3", validAL3(t))})
	v := h.waitRow("policy.al3", uploader.EventDone, nil)
	h.waitUI("the overall line in Spanish", func() bool { return h.win.overallLabel.Text == "Enviado a Local test server" })
	onUIWait(func() {
		if v.status.Text != "Enviado" {
			t.Errorf("the sent row's status is %q", v.status.Text)
		}
		if left := leftInEnglish(t, shownTexts(h.win.win.Content())); len(left) > 0 {
			t.Errorf("the queue with a sent file shows English: %q", left)
		}
	})
}

// TestCountsSayOneAndMany: "1 file" and "2 files" in both languages.
func TestCountsSayOneAndMany(t *testing.T) {
	systemLocale(t, "en_US.UTF-8")
	for _, c := range []struct {
		code      string
		one, many string
	}{
		{languageEnglish, "Add 1 file from Downloads?", "Add 2 files from Downloads?"},
		{languageSpanish, "¿Agregar 1 archivo de Downloads?", "¿Agregar 2 archivos de Downloads?"},
	} {
		onUIWait(func() { useLanguage(c.code) })
		for n, want := range map[int]string{1: c.one, 2: c.many} {
			if got := lang.N("Add {{.Count}} files from {{.From}}?", n, map[string]any{"Count": n, "From": "Downloads"}); got != want {
				t.Errorf("%s, %d: %q, want %q", c.code, n, got, want)
			}
		}
		if got, want := (row{State: uploader.EventInvalid}).StatusText(), map[string]string{languageEnglish: "Not sent: invalid", languageSpanish: "No enviado"}[c.code]; got != want {
			t.Errorf("%s: status %q, want %q", c.code, got, want)
		}
	}
	onUIWait(func() { useLanguage(languageSystem) })
}

// TestTheLanguageChosenInSettingsIsUsedFromTheNextStart: Settings offers
// System, English and Español; the choice is kept, the clerk is told when
// it applies, and the next window (as at the next start) is in it: Español
// on an English system, English on a Spanish one, and System follows the
// system again.
func TestTheLanguageChosenInSettingsIsUsedFromTheNextStart(t *testing.T) {
	systemLocale(t, "en_US.UTF-8")
	inLanguage(t, languageSystem)
	h := newHarness(t)
	a := h.win.app
	// nextStart opens a window as desktop.Open does: the language first.
	nextStart := func() *Window {
		var w *Window
		onUIWait(func() {
			ApplyLanguage(a)
			w = NewWindow(a, Deps{Backend: h.svc, Profiles: h.store, Inbox: h.inbox})
		})
		t.Cleanup(w.Stop)
		return w
	}
	choose := func(w *Window, label string) {
		onUIWait(func() {
			if !slices.Contains(w.settings.language.Options, label) {
				t.Fatalf("Settings' languages are %q, without %q", w.settings.language.Options, label)
			}
			w.settings.language.SetSelected(label)
		})
	}
	uploadText := func(w *Window) (text string) {
		onUIWait(func() { text = w.uploadButton.Text })
		return text
	}

	onUIWait(func() {
		if got := h.win.settings.language.Options; !slices.Equal(got, []string{"System", "English", "Español"}) {
			t.Errorf("Settings' languages are %q", got)
		}
		if got := h.win.settings.language.Selected; got != "System" {
			t.Errorf("the language chosen at first is %q, want System", got)
		}
	})
	choose(h.win, "Español")
	onUIWait(func() {
		if got := a.Preferences().String(languagePrefKey); got != languageSpanish {
			t.Errorf("the language kept is %q, want es", got)
		}
		if !strings.Contains(h.win.settings.note.Text, "next time it starts") {
			t.Errorf("Settings does not say when the language applies: %q", h.win.settings.note.Text)
		}
		if h.win.uploadButton.Text != "Upload" {
			t.Errorf("the open window changed language half-way: %q", h.win.uploadButton.Text)
		}
	})

	es := nextStart()
	if got := uploadText(es); got != "Enviar" {
		t.Errorf("after choosing Español, the next window's Upload reads %q", got)
	}
	onUIWait(func() {
		if got := es.settings.language.Selected; got != "Español" {
			t.Errorf("the next window's Settings shows %q chosen", got)
		}
		if got := es.settings.language.Options[0]; got != "Sistema" {
			t.Errorf("System reads %q in Spanish", got)
		}
	})

	choose(es, "Sistema")
	if got := uploadText(nextStart()); got != "Upload" {
		t.Errorf("back to System on an English system, Upload reads %q", got)
	}

	systemLocale(t, "es_MX.UTF-8")
	if got := uploadText(nextStart()); got != "Enviar" {
		t.Errorf("System on a Spanish system: Upload reads %q", got)
	}
	onUIWait(func() { a.Preferences().SetString(languagePrefKey, languageEnglish) })
	if got := uploadText(nextStart()); got != "Upload" {
		t.Errorf("English chosen on a Spanish system: Upload reads %q", got)
	}
}

// TestSpanishFitsTheDefaultWindow: Spanish words are longer, yet on every
// tab, with Pause turned into Resume, the window needs no more than the
// default 1040 px: it never widens by itself in Spanish either.
func TestSpanishFitsTheDefaultWindow(t *testing.T) {
	inLanguage(t, languageSpanish)
	h := newHarness(t)
	h.win.AddPaths([]string{writeFile(t, "policy.al3", validAL3(t))})
	h.waitRow("policy.al3", uploader.EventDone, nil)
	onUIWait(func() {
		tabs := uitest.FindAll[*container.AppTabs](h.win.win.Content(), nil)[0]
		for i := range tabs.Items {
			tabs.SelectIndex(i)
			for _, paused := range []bool{false, true} {
				if paused {
					h.win.togglePause()
				}
				if w := h.win.win.Content().MinSize().Width; w > 1040 {
					t.Errorf("on %q (paused %v) the window needs %v px, more than the default 1040", tabs.Items[i].Text, paused, w)
				}
				if paused {
					h.win.togglePause()
				}
			}
		}
	})
}

// TestFindingsSaySpanishFirst: a file's findings in Spanish start with the
// rule's summary in Spanish, keep the validator's English sentence (its
// figures are for support) and say where in Spanish; in English they are
// the validator's sentences alone.
func TestFindingsSaySpanishFirst(t *testing.T) {
	rep := reportOf(t, "broken.al3", brokenAL3(t))
	if len(rep.Errors()) == 0 {
		t.Fatal("the broken file has no error")
	}
	first := rep.Errors()[0]
	english := findingsReport(rep)
	if strings.Contains(english, "("+first.Text+")") {
		t.Errorf("in English the sentence is given twice:\n%s", english)
	}
	inLanguage(t, languageSpanish)
	spanish := findingsReport(rep)
	summary, _ := ruleSummary(first.Rule)
	for _, want := range []string{"Este archivo NO se envió", findingSummary(first), first.Text, "ERROR — "} {
		if want == "" || !strings.Contains(spanish, want) {
			t.Errorf("the Spanish findings do not say %q (rule %s, %q):\n%s", want, first.Rule, summary, spanish)
		}
	}
	if first.Group != "" && !strings.Contains(spanish, "grupo "+first.Group) {
		t.Errorf("the place is not in Spanish:\n%s", spanish)
	}
	if got := (row{State: uploader.EventInvalid, Report: rep}).DetailText(); !strings.HasPrefix(got, findingSummary(first)) {
		t.Errorf("the row's line reads %q", got)
	}
}

// TestEveryRuleHasASummary: each rule id package validate can report has
// a summary here, so that a new rule is not left in English alone.
func TestEveryRuleHasASummary(t *testing.T) {
	rules := map[string]bool{}
	pattern := regexp.MustCompile(`"((?:al3|xlsx|xls)/[a-z0-9-]+)"`)
	err := filepath.WalkDir("../validate", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "al3gen") {
			return err
		}
		src, err := os.ReadFile(path)
		for _, m := range pattern.FindAllStringSubmatch(string(src), -1) {
			rules[m[1]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) < 20 {
		t.Fatalf("only %d rules found in validate/: the scan is broken", len(rules))
	}
	for rule := range rules {
		if english, _ := ruleSummary(rule); english == "" {
			t.Errorf("rule %s has no summary in findingwords.go", rule)
		}
	}
}

// reportOf checks data as the window's service does.
func reportOf(t *testing.T, name string, data []byte) *report.Report {
	t.Helper()
	rep, err := validate.Reader(bytes.NewReader(data), name, int64(len(data)), validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestEveryButtonTellsAScreenReaderWhatItDoes: Fyne 2.8 hands each
// button's accessibility label to Windows' and macOS's screen readers; no
// button of the window, on any tab, gives an icon's file name or nothing,
// and in Spanish the labels are Spanish.
func TestEveryButtonTellsAScreenReaderWhatItDoes(t *testing.T) {
	inLanguage(t, languageSpanish)
	h := newHarness(t)
	h.win.AddPaths([]string{writeFile(t, "policy.al3", validAL3(t))})
	h.waitRow("policy.al3", uploader.EventDone, nil)
	onUIWait(func() {
		tabs := uitest.FindAll[*container.AppTabs](h.win.win.Content(), nil)[0]
		var labels []string
		for i := range tabs.Items {
			tabs.SelectIndex(i)
			for _, o := range uitest.VisibleObjects(h.win.win.Content()) {
				a, ok := o.(fyne.Accessible)
				if !ok || a.AccessibilityRole() != fyne.AccessibleRoleButton {
					continue
				}
				label := a.AccessibilityLabel()
				if label == "" || strings.Contains(label, ".svg") || strings.Contains(label, ".png") {
					t.Errorf("a button on %q tells a screen reader %q (%T)", tabs.Items[i].Text, label, o)
				}
				labels = append(labels, label)
			}
		}
		if left := leftInEnglish(t, labels); len(left) > 0 {
			t.Errorf("buttons tell a screen reader in English: %q", left)
		}
		for _, want := range []string{"Quitar de la lista", "Actualizar el historial", "Plantillas conocidas"} {
			if !slices.Contains(labels, want) {
				t.Errorf("no button tells %q: %q", want, labels)
			}
		}
	})
}

// TestEveryTestConnectionStepHasItsName: each step package diagnose names
// (its step… constants) has its Spanish name for the checklist.
func TestEveryTestConnectionStepHasItsName(t *testing.T) {
	pattern := regexp.MustCompile(`\bstep[A-Z]\w*\s*=\s*"([^"]+)"`)
	files, err := filepath.Glob("../diagnose/*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range pattern.FindAllStringSubmatch(string(src), -1) {
			names = append(names, m[1])
		}
	}
	if len(names) < 10 {
		t.Fatalf("only %d steps found in diagnose/: the scan is broken", len(names))
	}
	inLanguage(t, languageSpanish)
	for _, n := range names {
		if got := stepName(n); got == n && !sameInSpanish[n] {
			t.Errorf("step %q has no Spanish name", n)
		}
	}
}

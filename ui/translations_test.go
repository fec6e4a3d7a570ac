package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// translationSources are the folders whose Go files show words to a clerk:
// the window library and the window program (its dialogs and tray).
var translationSources = []string{".", "../app/desktop"}

// sameInSpanish are the keys whose Spanish is rightly the English: names,
// and words Spanish borrows as they are.
var sameInSpanish = map[string]bool{
	"Exchange": true, "OK": true, "No": true, "Error": true, "ERROR": true, "FTP": true,
	"FTPS (explicit TLS)": true, "FTPS (implicit TLS)": true, "SFTP (SSH)": true, "Proxy": true,
	"%d ms": true, "%.1f s": true, "byte %d": true, "%s — %s": true, "%s → %s": true,
}

// usedKey is one key the code asks lang for, where, and whether it is a
// plural (lang.N, lang.XN).
type usedKey struct {
	key    string
	plural bool
	at     string
}

// usedTranslationKeys finds, with go/ast, every lang.L, lang.X, lang.N and
// lang.XN call in the sources and the key it asks for. A key that is not a
// string literal is an error: it could not be checked.
func usedTranslationKeys(t *testing.T) []usedKey {
	t.Helper()
	var keys []usedKey
	fset := token.NewFileSet()
	for _, dir := range translationSources {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "lang" {
					return true
				}
				switch sel.Sel.Name {
				case "L", "X", "N", "XN", "Localize", "LocalizeKey", "LocalizePlural", "LocalizePluralKey":
				default:
					return true
				}
				at := fset.Position(call.Pos()).String()
				lit, ok := call.Args[0].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Errorf("%s: lang.%s is given a key that is not a string literal: it cannot be checked here", at, sel.Sel.Name)
					return true
				}
				key, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				plural := sel.Sel.Name == "N" || sel.Sel.Name == "XN" || strings.HasPrefix(sel.Sel.Name, "LocalizePlural")
				keys = append(keys, usedKey{key: key, plural: plural, at: at})
				return true
			})
		}
	}
	if len(keys) == 0 {
		t.Fatal("no lang calls found: the scan is broken")
	}
	return keys
}

// TestEveryWordShownHasEnglishAndSpanish: each key the code asks for is in
// en.json and es.json, a count's key has its singular and plural forms in
// both, and Spanish is not left in English except for names.
func TestEveryWordShownHasEnglishAndSpanish(t *testing.T) {
	en, err := translationKeys("en.json")
	if err != nil {
		t.Fatal(err)
	}
	es, err := translationKeys("es.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range usedTranslationKeys(t) {
		for _, file := range []struct {
			name string
			m    map[string]any
		}{{"en.json", en}, {"es.json", es}} {
			v, ok := file.m[u.key]
			if !ok {
				t.Errorf("%s: %q is not in %s", u.at, u.key, file.name)
				continue
			}
			forms, isPlural := v.(map[string]any)
			if u.plural && (!isPlural || forms["one"] == nil || forms["other"] == nil) {
				t.Errorf("%s: %q is a count: %s needs its \"one\" and \"other\" forms", u.at, u.key, file.name)
			}
			if !u.plural && isPlural {
				t.Errorf("%s: %q is asked with lang.L but has plural forms in %s", u.at, u.key, file.name)
			}
		}
		if !sameInSpanish[u.key] && es[u.key] != nil && slices.Equal(translationTexts(es[u.key]), translationTexts(en[u.key])) {
			t.Errorf("%s: %q is left in English in es.json", u.at, u.key)
		}
	}
}

// TestTranslationsKeepTheirPlaceholders: a Spanish text has the same
// printf verbs and template fields as its English one, so fmt.Sprintf
// and the templates fill it the same way.
func TestTranslationsKeepTheirPlaceholders(t *testing.T) {
	en, err := translationKeys("en.json")
	if err != nil {
		t.Fatal(err)
	}
	es, err := translationKeys("es.json")
	if err != nil {
		t.Fatal(err)
	}
	for key, ev := range en {
		sv, ok := es[key]
		if !ok {
			t.Errorf("%q is in en.json but not in es.json", key)
			continue
		}
		want := placeholders(key)
		for _, text := range append(translationTexts(ev), translationTexts(sv)...) {
			if got := placeholders(text); !placeholdersCompatible(want, got) {
				t.Errorf("%q: %q has the placeholders %v, the key has %v", key, text, got, want)
			}
		}
	}
	for key := range es {
		if _, ok := en[key]; !ok {
			t.Errorf("%q is in es.json but not in en.json", key)
		}
	}
}

var placeholderPattern = regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-zA-Z]|\{\{\s*\.\w+\s*\}\}`)

// placeholders are the verbs and fields of a text, sorted. Explicit
// indexes (%[2]s) let a translation change the order of the words.
func placeholders(s string) []string {
	found := placeholderPattern.FindAllString(s, -1)
	for i, p := range found {
		found[i] = regexp.MustCompile(`\[\d+\]|\s`).ReplaceAllString(p, "")
	}
	slices.Sort(found)
	return found
}

// placeholdersCompatible: the same placeholders; a singular form may
// leave out the count ("one file").
func placeholdersCompatible(want, got []string) bool {
	if slices.Equal(want, got) {
		return true
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			return false
		}
	}
	return len(got) == len(want)-1
}

// translationTexts are the texts of one entry: the string, or each form.
func translationTexts(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case map[string]any:
		var texts []string
		for _, form := range []string{"zero", "one", "two", "few", "many", "other"} {
			if s, ok := v[form].(string); ok {
				texts = append(texts, s)
			}
		}
		return texts
	}
	return nil
}

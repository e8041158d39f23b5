package i18n

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// pluralFile holds the messages that change with a count, in locales/<lang>/plurals.yaml:
// the key is the English message (its "other" form), the value its forms by CLDR plural
// category (one, other, and where the language has them few, many, =0 …). English forms are
// in locales/en/plurals.yaml. Which form a count takes is decided by golang.org/x/text's
// CLDR rules: French says "0 ligne", English "0 rows".
const pluralFile = "plurals.yaml"

var plurals struct {
	once  sync.Once
	cat   *catalog.Builder
	forms map[string]map[string]map[string]string // lang → key → category → text
	err   error
}

func loadPlurals() {
	plurals.cat = catalog.NewBuilder(catalog.Fallback(language.English))
	plurals.forms = map[string]map[string]map[string]string{}
	dirs, _ := fs.ReadDir(files, "locales")
	for _, d := range dirs {
		lang := d.Name()
		data, err := files.ReadFile(path.Join("locales", lang, pluralFile))
		if err != nil {
			continue
		}
		var m map[string]map[string]string
		if err := yaml.Unmarshal(data, &m); err != nil {
			plurals.err = fmt.Errorf("locales/%s/%s: %w", lang, pluralFile, err)
			continue
		}
		plurals.forms[lang] = m
		tag := language.Make(lang)
		for key, forms := range m {
			var cases []any
			cats := make([]string, 0, len(forms))
			for c := range forms {
				cats = append(cats, c)
			}
			// Exact matches (=0) first, "other" last, as Selectf takes the first match.
			sort.Slice(cats, func(i, j int) bool { return pluralOrder(cats[i]) < pluralOrder(cats[j]) })
			for _, c := range cats {
				cases = append(cases, c, forms[c])
			}
			if err := plurals.cat.Set(tag, key, plural.Selectf(1, "", cases...)); err != nil {
				plurals.err = fmt.Errorf("locales/%s/%s: %q: %w", lang, pluralFile, key, err)
			}
		}
	}
}

func pluralOrder(c string) int {
	switch {
	case c == "other":
		return 9
	case len(c) > 0 && c[0] == '=':
		return 0
	}
	return 1
}

// PluralForms returns the plural messages of a language: key → category → text (tests check
// them).
func PluralForms(lang string) map[string]map[string]string {
	plurals.once.Do(loadPlurals)
	return plurals.forms[lang]
}

// PluralError reports a broken plurals file.
func PluralError() error {
	plurals.once.Do(loadPlurals)
	return plurals.err
}

// N formats a message whose words follow a count: the first argument is the count, and the
// form (one, other, …) is chosen by the language's plural rules. format is the English
// message with its "other" form ("wrote %d files"); a language without it falls back to
// English, and a message without forms is formatted as it is.
func N(lang, format string, args ...any) string {
	plurals.once.Do(loadPlurals)
	l := base(lang)
	if _, ok := plurals.forms[l][format]; !ok {
		l = Default
	}
	if _, ok := plurals.forms[l][format]; !ok {
		return fmt.Sprintf(format, args...)
	}
	// The printer also writes %d counts the language's way ("1 234" in French).
	return message.NewPrinter(language.Make(l), message.Catalog(plurals.cat)).Sprintf(format, args...)
}

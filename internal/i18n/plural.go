package i18n

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// pluralFile holds the messages that change with a count, in locales/<lang>/plurals.yaml:
// the key is the English message (its "other" form), the value its forms by CLDR plural
// category (one, other, and where the language has them few, many, =0 …), and "arg" when the
// count is not the first %d (1-based, counting every verb). English forms are
// in locales/en/plurals.yaml. Which form a count takes is decided by golang.org/x/text's
// CLDR rules: French says "0 ligne", English "0 rows".
const pluralFile = "plurals.yaml"

var plurals struct {
	once  sync.Once
	cat   *catalog.Builder
	forms map[string]map[string]map[string]string // lang → key → category → text
	arg   map[string]int                          // key → the count's argument (1-based)
	err   error
}

func loadPlurals() {
	plurals.cat = catalog.NewBuilder(catalog.Fallback(language.English))
	plurals.forms = map[string]map[string]map[string]string{}
	plurals.arg = map[string]int{}
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
			arg := countArg(key)
			if v, ok := forms["arg"]; ok { // the count is not the first %d
				if _, err := fmt.Sscan(v, &arg); err != nil {
					plurals.err = fmt.Errorf("locales/%s/%s: %q: arg %q is not a number", lang, pluralFile, key, v)
				}
				delete(forms, "arg")
			}
			plurals.arg[key] = arg
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
			if err := plurals.cat.Set(tag, key, plural.Selectf(arg, "", cases...)); err != nil {
				plurals.err = fmt.Errorf("locales/%s/%s: %q: %w", lang, pluralFile, key, err)
			}
		}
	}
}

// countArg is the argument the form follows: the first %d of the English message (1-based).
func countArg(format string) int {
	n := 0
	for _, m := range fmtVerb.FindAllString(format, -1) {
		if m == "%%" {
			continue
		}
		n++
		if strings.HasSuffix(m, "d") {
			return n
		}
	}
	return 1
}

var fmtVerb = regexp.MustCompile(`%[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

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

// N formats a message whose words follow a count: the argument of the first %d is the count, and the
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
	// The printer writes the count the language's way ("1 234" in French); the other
	// arguments (a year, a name) are formatted as fmt does.
	plain := make([]any, len(args))
	for i, v := range args {
		if i+1 == plurals.arg[format] {
			plain[i] = v
		} else {
			plain[i] = asFmt{v}
		}
	}
	return message.NewPrinter(language.Make(l), message.Catalog(plurals.cat)).Sprintf(format, plain...)
}

// asFmt formats a value exactly as fmt would, outside the printer's number formatting.
type asFmt struct{ v any }

func (p asFmt) Format(s fmt.State, verb rune) { fmt.Fprintf(s, fmt.FormatString(s, verb), p.v) }
